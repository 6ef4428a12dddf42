import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyError, parseIngestBody } from '../../src/ingest/parse-body.js';

/** Every outcome is a parsed batch or a BodyError with a message: never another exception. */
function parseSafely(text: string, type: string) {
  try {
    return parseIngestBody(text, type);
  } catch (e) {
    expect(e).toBeInstanceOf(BodyError);
    expect((e as Error).message.length).toBeGreaterThan(0);
    return undefined;
  }
}

const TYPES = ['application/json', 'application/x-ndjson', undefined as unknown as string];
const deadline = (ms: number) => {
  const start = performance.now();
  return () => expect(performance.now() - start).toBeLessThan(ms);
};

describe('fuzz: ingest bodies', () => {
  it('arbitrary JSON values, alone, in arrays or as NDJSON lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 6 }), { maxLength: 20 }),
        fc.constantFrom(...TYPES),
        (values, type) => {
          const done = deadline(500);
          const asArray = parseSafely(JSON.stringify(values), type);
          const asLines = parseSafely(values.map((v) => JSON.stringify(v)).join('\n'), type);
          for (const r of [asArray, asLines]) {
            if (!r) continue;
            // Good and bad records are all accounted for, each bad one by index.
            expect(r.valid.length + new Set(r.errors.map((e) => e.index)).size).toBe(r.total);
          }
          done();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('event-shaped records with wrong types keep the valid ones and name the bad field', () => {
    const record = fc.record(
      {
        kind: fc.oneof(fc.constant('llm.call'), fc.string()),
        model: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        latency_ms: fc.oneof(fc.double(), fc.string()),
        caller: fc.string({ maxLength: 600 }),
        content: fc.record({ prompt: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['kind'] },
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), (records) => {
        const good = { kind: 'llm.call', model: 'gpt-4o' };
        const r = parseIngestBody(JSON.stringify([good, ...records, good]), 'application/json');
        expect(r.valid.map((v) => v.index)).toEqual(expect.arrayContaining([0, records.length + 1]));
        for (const e of r.errors) expect(typeof e.path).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('random text, broken JSON and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.constantFrom(...TYPES), (text, type) => {
        const done = deadline(500);
        parseSafely(text, type);
        parseSafely(`{"kind":"llm.call","model":${JSON.stringify(text)}`, type);
        parseSafely(`{"kind":"llm.call","caller":"${text}"}`, type);
        done();
      }),
      { numRuns: 100 },
    );
  });

  it('deep nesting is an error or a rejected record, not a stack overflow', () => {
    // Linear in the body size: about 1.7 s for 2 MB of `[` on a loaded 2-core machine, on a worker thread.
    for (const [depth, ms] of [
      [1_000, 1000],
      [100_000, 3000],
      [1_000_000, 20_000],
    ] as const) {
      const done = deadline(ms);
      parseSafely('['.repeat(depth) + ']'.repeat(depth), 'application/json');
      parseSafely(
        `{"kind":"llm.call","attributes":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
        'application/json',
      );
      parseSafely('{"a":'.repeat(depth), 'application/x-ndjson');
      done();
    }
  });

  it('huge strings are refused by the schema bounds, quickly', () => {
    const done = deadline(3000);
    const huge = 'A'.repeat(20 * 1024 * 1024);
    const r = parseIngestBody(JSON.stringify({ kind: 'llm.call', caller: huge }), 'application/json');
    expect(r.valid).toHaveLength(0);
    expect(r.errors[0]!.path).toBe('caller');
    // The error names the field, never echoes the value.
    expect(JSON.stringify(r.errors).length).toBeLessThan(1000);
    done();
  });
});
