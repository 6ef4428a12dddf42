import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decoderHints } from './decoder-hints.js';
import { LEET_HINT, SPACED, URL_ENCODED, variantsOf } from './deobfuscate.js';
import { normalizeText } from './normalize.js';

const corpus = readFileSync(new URL('../../../data/detect/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => normalizeText((JSON.parse(l) as { text: string }).text).text);

/** Short strings over the characters the hints look at, from a fixed seed. */
function randomTexts(count: number): string[] {
  const alphabet = 'abcdefxyz013457289 .-_*|,%!@$A';
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % alphabet.length;
  return Array.from({ length: count }, () => Array.from({ length: 24 }, () => alphabet[next()]).join(''));
}

describe('cheap decoder hints', () => {
  it('fire whenever the regex they stand in for matches (no decoding is skipped)', () => {
    let fired = 0;
    for (const text of [...corpus, ...randomTexts(20_000)]) {
      SPACED.lastIndex = 0;
      const spaced = SPACED.test(text);
      SPACED.lastIndex = 0;
      const hints = decoderHints(text);
      if (LEET_HINT.test(text)) expect(hints.leet, text).toBe(true);
      if (spaced) expect(hints.spaced, text).toBe(true);
      if (URL_ENCODED.test(text)) expect(hints.url, text).toBe(true);
      if (hints.leet || hints.spaced || hints.url) fired++;
    }
    expect(fired).toBeGreaterThan(100);
  });

  it('stay quiet on ordinary prose with e-mail addresses, prices and ordinals', () => {
    const text = normalizeText(
      'Mail jane.doe@example.com about the 3rd invoice ($450, 15% off) before the 1st of May, 2025.',
    ).text;
    expect({ ...decoderHints(text) }).toMatchObject({
      leet: false,
      spaced: false,
      url: false,
      encoded: false,
    });
    expect(variantsOf(text, text)).toEqual([]);
  });
});
