import { formatIssues } from '../config/load.js';
import { eventInputSchema, type ValidEventInput } from '../events/schema.js';
import { eventId, recordId } from './ids.js';
import { readJson } from './reader/read-json.js';
import type { Importer } from './types.js';

export interface ImportedEvent {
  file: string;
  line: number;
  event: ValidEventInput;
}

export interface ImportProblem {
  file: string;
  line: number;
  message: string;
}

export interface ImportCounts {
  /** Provider records seen (after opening envelopes). */
  records: number;
  /** Canonical events produced. */
  events: number;
  /** Well-formed records deliberately not mapped, by reason. */
  skipped: Record<string, number>;
  /** Unparseable lines, malformed records and events that failed validation. */
  errors: number;
  /** Inputs opened (files, or stdin). */
  files: number;
}

export interface ImportOptions {
  follow?: AbortSignal;
  pollMs?: number;
  batchSize?: number;
  onProblem: (p: ImportProblem) => void;
}

export function emptyCounts(): ImportCounts {
  return { records: 0, events: 0, skipped: {}, errors: 0, files: 0 };
}

/**
 * Reads every path, maps each provider record into canonical events with deterministic ids, and
 * validates them with the same schema as the ingest API, yielding batches. Nothing bad stops the
 * import: each unparseable line, malformed record or invalid event is reported with its file and
 * line through `onProblem`, and the records around it are still imported.
 */
export async function* importEvents(
  importer: Importer,
  paths: readonly string[],
  counts: ImportCounts,
  opts: ImportOptions,
): AsyncGenerator<ImportedEvent[]> {
  const batchSize = opts.batchSize ?? 1000;
  let batch: ImportedEvent[] = [];
  const problem = (file: string, line: number, message: string) => {
    counts.errors++;
    opts.onProblem({ file, line, message });
  };
  for (const path of paths) {
    counts.files++;
    for await (const item of readJson(path, { follow: opts.follow, pollMs: opts.pollMs })) {
      if (item.error !== undefined) {
        problem(item.file, item.line, item.error);
        continue;
      }
      for (const record of importer.records(item.value)) {
        counts.records++;
        const outcome = importer.map(record);
        if ('error' in outcome) {
          problem(item.file, item.line, outcome.error);
          continue;
        }
        if ('skip' in outcome) {
          counts.skipped[outcome.skip] = (counts.skipped[outcome.skip] ?? 0) + 1;
          continue;
        }
        const base = recordId(importer.source, outcome.key, record);
        outcome.events.forEach((mapped, n) => {
          const parsed = eventInputSchema.safeParse({
            ...mapped,
            id: eventId(base, n),
            source: importer.source,
          });
          if (!parsed.success) {
            problem(
              item.file,
              item.line,
              `mapped event invalid: ${formatIssues(parsed.error.issues.slice(0, 3)).join('; ')}`,
            );
            return;
          }
          counts.events++;
          batch.push({ file: item.file, line: item.line, event: parsed.data });
        });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      // In follow mode a quiet file must not hold back the last events read.
      if (opts.follow && batch.length) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}
