import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyCounts, importEvents } from '../../src/importers/import-events.js';
import { IMPORTERS } from '../../src/importers/registry.js';
import { IMPORT_SOURCES } from '../../src/importers/types.js';

const dir = mkdtempSync(join(tmpdir(), 'sl-fuzz-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Imports one file to the end; returns events, problems and the time taken. Never throws. */
async function importFile(source: (typeof IMPORT_SOURCES)[number], content: Buffer | string) {
  const file = join(dir, `${source}.jsonl`);
  writeFileSync(file, content);
  const problems: string[] = [];
  let events = 0;
  const start = performance.now();
  for await (const batch of importEvents(IMPORTERS[source], [file], emptyCounts(), {
    onProblem: (p) => problems.push(`${p.line}: ${p.message}`),
  }))
    events += batch.length;
  return { events, problems, ms: performance.now() - start };
}

/** Records shaped like each provider's, with any values in their fields. */
const loose = fc.dictionary(
  fc.constantFrom(
    'schemaType',
    'timestamp',
    'identity',
    'modelId',
    'input',
    'output',
    'operation',
    'requestId',
    'eventTime',
    'eventSource',
    'eventName',
    'eventID',
    'userIdentity',
    'requestParameters',
    'errorCode',
    'time',
    'category',
    'operationName',
    'properties',
    'resultSignature',
    'insertId',
    'protoPayload',
    'resource',
    'Records',
    'records',
    'entries',
  ),
  fc.jsonValue({ maxDepth: 4 }),
);

describe('fuzz: cloud log importers', () => {
  for (const source of IMPORT_SOURCES) {
    it(`${source}: any record maps to events, a skip reason or an error, never an exception`, () => {
      const imp = IMPORTERS[source];
      fc.assert(
        fc.property(fc.oneof(loose, fc.jsonValue({ maxDepth: 4 })), (value) => {
          for (const r of imp.records(value)) {
            const out = imp.map(r);
            expect('events' in out || 'skip' in out || 'error' in out).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('files of random lines and invalid UTF-8 are imported around the bad lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...IMPORT_SOURCES),
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 200 }),
            loose.map((o) => JSON.stringify(o)),
          ),
          { maxLength: 20 },
        ),
        async (source, lines) => {
          const r = await importFile(
            source,
            Buffer.concat([Buffer.from(lines.join('\n')), Buffer.from([0xff, 0xc3, 0x28, 0x0a])]),
          );
          for (const p of r.problems) expect(p).toMatch(/^\d+: /);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a 32 MB line without a newline and 100,000-level nesting finish in bounded time', async () => {
    const long = await importFile('cloudtrail', '{"Records":[{"eventName":"' + 'x'.repeat(32 * 1024 * 1024));
    expect(long.problems.length).toBeGreaterThan(0);
    expect(long.ms).toBeLessThan(5000);
    const deep = await importFile('bedrock', '['.repeat(100_000) + ']'.repeat(100_000) + '\n{"a":1}\n');
    expect(deep.ms).toBeLessThan(5000);
  }, 60_000);
});
