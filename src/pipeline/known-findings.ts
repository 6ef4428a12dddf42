import type { Finding, TextField } from '../detect/types.js';

/**
 * Findings a trusted in-process source (the gateway) already computed for texts of one event, so
 * the pipeline does not scan them again. Keyed by field and the exact text: a part whose text or
 * field differs in any way is scanned as usual, so spans always belong to the text they index.
 */
export interface KnownScan {
  field: TextField;
  text: string;
  findings: readonly Finding[];
}

export type KnownFindings = ReadonlyMap<string, readonly Finding[]>;

const keyOf = (field: TextField, text: string) => `${field}\u0000${text}`;

export function knownFindings(scans: readonly KnownScan[] | undefined): KnownFindings | undefined {
  if (!scans?.length) return undefined;
  return new Map(scans.map((s) => [keyOf(s.field, s.text), s.findings]));
}

export function lookupKnown(known: KnownFindings | undefined, field: TextField, text: string) {
  return known?.get(keyOf(field, text));
}
