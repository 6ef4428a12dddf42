import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EventContent, SightlineEvent, ValidEventInput } from '../../events/schema.js';
import { contentParts } from '../content-parts.js';
import type { WorkingEvent } from '../types.js';

/** Who sent the event, decided by the server and not by the record: it overrides the record. */
export interface Provenance {
  source?: SightlineEvent['source'];
  /** Set when the sender may only report as itself (an ingest key bound to a principal). */
  caller?: string;
  tenant?: string;
}

export const normalizeConfigSchema = z.object({ default_tenant: z.string().default('default') }).strict();

/** Turns a validated input into a working event with every default filled in. */
export function normalize(
  input: ValidEventInput,
  provenance: Provenance,
  defaultTenant: string,
  now = new Date(),
): WorkingEvent {
  const content = input.content;
  // A key loop instead of rest/spread: this runs for every event and object rest is slow in V8.
  const meta: Partial<SightlineEvent> = {};
  for (const k in input) if (k !== 'content') (meta as Record<string, unknown>)[k] = (input as Record<string, unknown>)[k];
  const nowIso = now.toISOString();
  const event: SightlineEvent = {
    ...(meta as SightlineEvent),
    id: meta.id ?? randomUUID(),
    ts: meta.ts ?? nowIso,
    tenant: provenance.tenant ?? meta.tenant ?? defaultTenant,
    source: provenance.source ?? meta.source ?? 'api',
    caller: provenance.caller ?? meta.caller,
    status: meta.status ?? defaultStatus(input),
    risk_score: 0,
    findings: [],
    has_content: false,
    ingested_at: nowIso,
  };
  const c: EventContent | undefined = content && Object.keys(content).length ? structuredCopy(content) : undefined;
  return { event, content: c, parts: contentParts(c), findings: [] };
}

function defaultStatus(input: ValidEventInput): SightlineEvent['status'] {
  if (input.auth?.outcome === 'denied') return 'denied';
  if (input.guardrail?.action === 'block' || input.llm?.guardrail_action === 'block') return 'blocked';
  if (input.error_code) return 'error';
  return 'ok';
}

/** Content is redacted in place later; copying keeps the caller's object untouched. */
function structuredCopy(c: EventContent): EventContent {
  return {
    ...c,
    messages: c.messages?.map((m) => ({ ...m })),
    snippets: c.snippets ? [...c.snippets] : undefined,
  };
}
