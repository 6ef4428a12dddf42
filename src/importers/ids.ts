import { createHash } from 'node:crypto';
import type { ImportSource } from './types.js';

/**
 * Deterministic event ids, so importing the same logs twice stores them once (the ingestor drops
 * ids it already has). The record's identity is the provider's own id when it has one, which also
 * makes one record delivered twice (to S3 and to CloudWatch, or in two overlapping exports)
 * collapse into one event, whatever the files are called; otherwise it is the record's content.
 * The source is part of the hash because one CloudTrail eventID may reach two importers.
 */
export function recordId(source: ImportSource, key: string | undefined, record: unknown): string {
  const identity = key !== undefined ? `key\0${key}` : `content\0${JSON.stringify(record)}`;
  const hash = createHash('sha256').update(source).update('\0').update(identity).digest('hex');
  return `${source}:${hash.slice(0, 40)}`;
}

/** The id of the n-th event mapped from one record. */
export function eventId(recordIdValue: string, n: number): string {
  return n === 0 ? recordIdValue : `${recordIdValue}.${n}`;
}
