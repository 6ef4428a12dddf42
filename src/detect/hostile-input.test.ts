import { expect, it } from 'vitest';
import { parseConfig } from '../config/load.js';
import type { TextField } from './types.js';
import { createDetectorRegistry } from './wiring.js';

const registry = createDetectorRegistry(parseConfig({}));

/**
 * Shapes that make a detector do the most work per character: thousands of near-matches of
 * its patterns (key prefixes, PEM headers, card-like digit groups, link openings, lead words of
 * the injection signatures). Every one must stay linear: a detector that compares each match
 * with every earlier one, or re-searches the rest of the text from each match, shows here as
 * seconds instead of milliseconds.
 */
const SHAPES = [
  '-----BEGIN PRIVATE KEY-----',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIE',
  'sk-',
  'AKIA',
  'eyJhbGciOi.',
  'xoxb-',
  '4111 1111 ',
  '+44 20 ',
  'GB82 WEST ',
  'a.b@c',
  // Two patterns whose matches interleave: each new span lands between two taken ones.
  'a@b.co 10.2.3.4 ',
  'AKIAABCDEFGHIJKLMNOP sk-abcdefghijklmnopqrstuvwx ',
  '![a](https://x.io/?q=',
  'password=',
  'ignore all ',
  'the phrase "ignore all previous instructions" ',
  "'x', ",
  'what was the dan jailbreak ',
  'stay in character ',
  'you are ',
  '1gn0r3 ',
  'i g n o r e ',
  '%41',
  '<',
];
const FIELDS: TextField[] = ['prompt', 'response', 'retrieval'];

/** Fastest of `runs` timings, in ms: the least disturbed by other work on the machine. */
function fastest(text: string, field: TextField, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    registry.run(text, { field });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

it('every detector stays linear on its own near-matches (8× the text, not 64× the time)', () => {
  for (const shape of SHAPES) {
    const small = shape.repeat(Math.ceil(25_000 / shape.length));
    const large = small.repeat(8);
    for (const field of FIELDS) {
      expect(() => registry.run(large, { field })).not.toThrow();
      const t1 = fastest(small, field, 5);
      const t4 = fastest(large, field, 2);
      // Linear work takes about 8× as long, a quadratic path 64×; the wide margin and the slack
      // absorb a busy machine's noise on inputs that take a few milliseconds.
      expect(t4, `${JSON.stringify(shape)} as ${field}: ${t1.toFixed(1)} → ${t4.toFixed(1)} ms`).toBeLessThan(
        20 * t1 + 40,
      );
    }
  }
});
