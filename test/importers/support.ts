import type { ValidEventInput } from '../../src/events/schema.js';
import { emptyCounts, importEvents, type ImportProblem } from '../../src/importers/import-events.js';
import { IMPORTERS } from '../../src/importers/registry.js';
import type { ImportSource } from '../../src/importers/types.js';
import { packagePath } from '../../src/util/package-root.js';

export function fixture(...parts: string[]): string {
  return packagePath('test', 'fixtures', 'importers', ...parts);
}

/** Runs the real import path (reader, mapper, ids, schema validation) over fixture files. */
export async function importFiles(source: ImportSource, paths: string[]) {
  const counts = emptyCounts();
  const problems: ImportProblem[] = [];
  const events: ValidEventInput[] = [];
  for await (const batch of importEvents(IMPORTERS[source], paths, counts, {
    onProblem: (p) => problems.push(p),
  }))
    events.push(...batch.map((b) => b.event));
  return { events, problems, counts };
}

export function byAttribute(events: ValidEventInput[], key: string, value: string | number | boolean) {
  const found = events.find((e) => e.attributes?.[key] === value);
  if (!found) throw new Error(`no event with ${key}=${String(value)}`);
  return found;
}
