import { describe, expect, it } from 'vitest';
import { randomHex } from './random-hex.js';

describe('randomHex', () => {
  it('gives distinct hex strings of the asked length across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const h = randomHex(8);
      expect(h).toMatch(/^[0-9a-f]{16}$/);
      seen.add(h);
    }
    expect(seen.size).toBe(2000);
  });

  it('refuses more bytes than the pool holds', () => {
    expect(() => randomHex(5000)).toThrow(/at most/);
  });
});
