import { describeJsonError } from '../api/errors.js';
import { formatIssues } from '../config/load.js';
import { eventInputSchema, type ValidEventInput } from '../events/schema.js';
import type { RecordError } from '../client/ingest-client.js';

export interface ParsedBatch {
  valid: { index: number; input: ValidEventInput }[];
  errors: RecordError[];
  total: number;
}

export class BodyError extends Error {}

export const MAX_RECORDS_PER_REQUEST = 50_000;

/**
 * Accepts one JSON event, a JSON array, or NDJSON. Each record is validated on its own: a bad
 * record is reported by index and field path, and never costs the good records around it.
 */
export function parseIngestBody(text: string, contentType: string | undefined): ParsedBatch {
  const ndjson = /ndjson|jsonl|json-seq|jsonlines/i.test(contentType ?? '');
  let raw: { index: number; value?: unknown; error?: string }[];
  if (ndjson) {
    raw = splitLines(text);
  } else {
    try {
      const doc = JSON.parse(text) as unknown;
      raw = Array.isArray(doc) ? doc.map((value, index) => ({ index, value })) : [{ index: 0, value: doc }];
    } catch (e) {
      // Several lines that each parse are NDJSON sent with a JSON content type; accept them.
      if (text.includes('\n')) raw = splitLines(text);
      else throw new BodyError(`request body is not JSON: ${describeJsonError(e)}`);
    }
  }
  if (raw.length > MAX_RECORDS_PER_REQUEST) {
    throw new BodyError(`too many records in one request (${raw.length} > ${MAX_RECORDS_PER_REQUEST})`);
  }
  const valid: ParsedBatch['valid'] = [];
  const errors: RecordError[] = [];
  for (const r of raw) {
    if (r.error) {
      errors.push({ index: r.index, path: '', message: r.error });
      continue;
    }
    if (typeof r.value !== 'object' || r.value === null || Array.isArray(r.value)) {
      errors.push({ index: r.index, path: '', message: 'record must be a JSON object' });
      continue;
    }
    const parsed = eventInputSchema.safeParse(r.value);
    if (parsed.success) {
      valid.push({ index: r.index, input: parsed.data });
    } else {
      for (const issue of formatIssues(parsed.error.issues.slice(0, 10))) {
        const sep = issue.indexOf(': ');
        errors.push({ index: r.index, path: issue.slice(0, sep), message: issue.slice(sep + 2) });
      }
    }
  }
  return { valid, errors, total: raw.length };
}

function splitLines(text: string): { index: number; value?: unknown; error?: string }[] {
  const out: { index: number; value?: unknown; error?: string }[] = [];
  let index = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    try {
      out.push({ index, value: JSON.parse(line) });
    } catch (e) {
      out.push({ index, error: `line ${index + 1}: ${describeJsonError(e)}` });
    }
    index++;
  }
  return out;
}
