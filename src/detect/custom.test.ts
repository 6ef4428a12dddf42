import { describe, expect, it } from 'vitest';
import { detectionConfigSchema } from './config.js';
import { createCustomDetector, UnsafePatternError } from './custom.js';

const parse = (c: unknown) => detectionConfigSchema.parse({ custom: [c] }).custom[0]!;

describe('custom detectors from config', () => {
  it('matches keywords as whole words, case-insensitively, and patterns with RE2', () => {
    const kw = createCustomDetector(
      parse({ id: 'codename', category: 'custom.project', keywords: ['Bluebird', 'north.star'] }),
    );
    expect(
      kw
        .detect('Status of BLUEBIRD and north.star, not bluebirds or northXstar', { field: 'prompt' })
        .map((f) => f.start),
    ).toEqual([10, 23]);
    const re = createCustomDetector(
      parse({ id: 'ticket', category: 'custom.ticket', pattern: 'TKT-[0-9]{6}', redact: true }),
    );
    expect(re.detect('see TKT-123456', { field: 'prompt' })).toMatchObject([
      { category: 'custom.ticket', redact: true, start: 4 },
    ]);
  });

  it('runs a catastrophic-backtracking pattern on hostile input in linear time', () => {
    const evil = createCustomDetector(parse({ id: 'evil', category: 'custom.evil', pattern: '(a+)+$' }));
    const hostile = 'a'.repeat(100_000) + '!';
    const t0 = performance.now();
    expect(evil.detect(hostile, { field: 'prompt' })).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses constructs that need backtracking, naming the detector', () => {
    expect(() =>
      createCustomDetector(parse({ id: 'backref', category: 'custom.x', pattern: '(a)\\1' })),
    ).toThrow(UnsafePatternError);
    expect(() =>
      createCustomDetector(parse({ id: 'backref', category: 'custom.x', pattern: '(?=a)b' })),
    ).toThrow(/backref/);
  });

  it('rejects a detector with both or neither of pattern and keywords', () => {
    expect(detectionConfigSchema.safeParse({ custom: [{ id: 'x', category: 'custom.x' }] }).success).toBe(
      false,
    );
    expect(
      detectionConfigSchema.safeParse({
        custom: [{ id: 'x', category: 'custom.x', pattern: 'a', keywords: ['b'] }],
      }).success,
    ).toBe(false);
  });
});
