import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanSet } from './span-set.js';

describe('SpanSet', () => {
  it('takes a span only when it shares no character with one already taken', () => {
    const set = new SpanSet();
    expect(set.add(10, 20)).toBe(true);
    expect(set.add(20, 25)).toBe(true); // touching is not overlapping
    expect(set.add(5, 10)).toBe(true);
    expect(set.add(19, 21)).toBe(false);
    expect(set.add(0, 100)).toBe(false);
    expect(set.overlaps(12, 13)).toBe(true);
    expect(set.overlaps(25, 30)).toBe(false);
  });

  it('answers as comparing with every span would, in any insertion order', () => {
    const span = fc.tuple(fc.nat(500), fc.integer({ min: 1, max: 40 })).map(([s, n]) => [s, s + n] as const);
    fc.assert(
      fc.property(fc.array(span, { maxLength: 60 }), (spans) => {
        const set = new SpanSet();
        const kept: (readonly [number, number])[] = [];
        for (const [s, e] of spans) {
          const expected = !kept.some(([ks, ke]) => ks < e && s < ke);
          expect(set.add(s, e)).toBe(expected);
          if (expected) kept.push([s, e]);
        }
      }),
    );
  });

  it('stays near-linear when two patterns interleave (each span lands between taken ones)', () => {
    const fill = (n: number) => {
      const set = new SpanSet();
      const t0 = performance.now();
      // One pattern's matches at even slots, then another's at odd slots, as two detectors' loops.
      for (let i = 0; i < n; i += 2) set.add(i * 10, i * 10 + 5);
      for (let i = 1; i < n; i += 2) set.add(i * 10, i * 10 + 5);
      return performance.now() - t0;
    };
    fill(20_000); // warm-up
    const small = Math.min(fill(20_000), fill(20_000));
    const large = fill(160_000);
    // 8× the spans: about 8× the time; inserting each into the middle of one list took 64×.
    expect(large).toBeLessThan(20 * small + 50);
  });
});
