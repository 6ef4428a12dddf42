import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInRulesDir, parseRuleFile } from '../../src/rules/loader.js';

/** A rule file parses to a rule or to errors naming the file; it never throws or hangs. */
function parse(text: string) {
  const t0 = performance.now();
  const r = parseRuleFile('fuzz.yaml', text);
  expect(performance.now() - t0).toBeLessThan(2000);
  if (!r.rule) {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) expect(e.file).toBe('fuzz.yaml');
  }
  return r;
}

const valid = readFileSync(`${builtInRulesDir()}/prompt-injection-indicator.yaml`, 'utf8');

describe('rule YAML fuzzing', () => {
  it('survives random text, random YAML values and mutations of a real rule', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => void parse(s)),
      { numRuns: 300, seed: 11 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => void parse(JSON.stringify(v))),
      { numRuns: 300, seed: 12 },
    );
    fc.assert(
      fc.property(
        fc.nat(valid.length),
        fc.string({ maxLength: 40 }),
        (at, junk) => void parse(valid.slice(0, at) + junk + valid.slice(at)),
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('answers hostile shapes (alias bomb, deep nesting, huge strings, bad UTF-8) with errors', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    for (const text of [
      bomb,
      '['.repeat(50_000),
      `id: ${'x'.repeat(5_000_000)}`,
      Buffer.from([0xff, 0xfe, 0x3a, 0x0a]).toString('latin1'),
      valid.replace('severity: P3', 'severity: P9'),
    ]) {
      const r = parse(text);
      expect(r.rule).toBeUndefined();
    }
    expect(parse(valid.replace('severity: P3', 'severity: P9')).errors[0]).toMatchObject({
      path: 'severity',
    });
  });
});
