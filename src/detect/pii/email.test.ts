import { describe, expect, it } from 'vitest';
import { emailSpans } from './email.js';
import { EMAIL } from './patterns.js';

const byPattern = (text: string) => [...text.matchAll(EMAIL)].map((m) => [m.index, m.index + m[0].length]);

/** A linear congruential generator, so the random strings are the same on every run. */
function rng(seed: number): () => number {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('e-mail spans found from the @', () => {
  it('equal the address pattern run over the whole text, on tricky cases', () => {
    const cases = [
      'write to jane.doe+tag@example.co.uk today',
      'a@b.com.c@d.com',
      'x@y',
      '@example.com',
      'me@@example.com and you@example.org',
      `${'a'.repeat(100)}@example.com`,
      'user@sub-domain.example.museum, user2@ex.io.',
      'first@a.bc@second@c.de',
      'émile@example.fr and ü@x.de',
      'name@exa_mple.com',
      '',
    ];
    for (const text of cases) expect(emailSpans(text), text).toEqual(byPattern(text));
  });

  it('equal the address pattern on 20,000 random strings rich in address characters', () => {
    const rand = rng(11);
    for (let n = 0; n < 20_000; n++) {
      // Half short and varied, half long with rare '@' (local parts over 64 characters).
      const alphabet = n % 2 ? 'ab.-_@%+ XZ09éc' : 'abcdefghij.-'.repeat(3) + '@';
      const len = 1 + Math.floor(rand() * (n % 2 ? 90 : 300));
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      expect(emailSpans(text), text).toEqual(byPattern(text));
    }
  });
});
