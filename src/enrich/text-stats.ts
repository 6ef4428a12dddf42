import type { TextStats } from '../events/schema.js';
import { isInvisibleFormatChar } from '../detect/text/invisible.js';
import { LATIN_SCRIPT, NO_SCRIPT, scriptOf } from './scripts.js';
import { FNV_BASIS, FNV_PRIME, isKnownWordAt } from './vocabulary.js';

/**
 * Input/output statistics for anomaly rules. One pass over the string, no allocation per
 * character, so it is cheap enough for every event.
 */
export function textStats(text: string): TextStats {
  const n = text.length;
  if (n === 0) {
    return {
      length: 0,
      special_char_ratio: 0,
      oov_rate: 0,
      entropy: 0,
      invisible_chars: 0,
      non_ascii_ratio: 0,
      scripts: 0,
      script_mix: 0,
    };
  }
  // ASCII counts in a reused typed array; a Map only for the rarer non-ASCII code units. The
  // current word's hash and those of its last three prefixes (for the inflection check) stay in
  // int32 locals, so the letter path is a few register operations.
  ascii.fill(0);
  let other: Map<number, number> | undefined;
  let special = 0;
  let invisible = 0;
  let nonAscii = 0;
  let words = 0;
  let unknown = 0;
  let wordStart = -1;
  let h0 = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      ascii[c]!++;
      const lower = c | 0x20;
      if (lower >= 97 && lower <= 122) {
        if (wordStart < 0) {
          wordStart = i;
          h0 = FNV_BASIS | 0;
        }
        if (i - wordStart < MAX_WORD) {
          h3 = h2;
          h2 = h1;
          h1 = h0;
          h0 = Math.imul(h0 ^ lower, FNV_PRIME);
        }
        continue;
      }
    }
    if (wordStart >= 0) {
      const w = wordOutcome(text, wordStart, i - wordStart, h0, h1, h2, h3);
      words += w && 1;
      unknown += w >> 1;
      wordStart = -1;
    }
    if (c > 127) {
      other ??= new Map<number, number>();
      other.set(c, (other.get(c) ?? 0) + 1);
      nonAscii++;
      if (isInvisible(c)) invisible++;
    } else if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
      invisible++;
    } else if (!(c >= 48 && c <= 57) && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      special++;
    }
  }
  if (wordStart >= 0) {
    const w = wordOutcome(text, wordStart, n - wordStart, h0, h1, h2, h3);
    words += w && 1;
    unknown += w >> 1;
  }
  let entropy = 0;
  for (let c = 0; c < 128; c++) {
    const k = ascii[c]!;
    if (k) entropy -= (k / n) * Math.log2(k / n);
  }
  if (other) for (const k of other.values()) entropy -= (k / n) * Math.log2(k / n);
  const mix = scriptMix(other, asciiLetters());
  return {
    length: n,
    special_char_ratio: round(special / n),
    oov_rate: words ? round(unknown / words) : 0,
    entropy: round(entropy),
    invisible_chars: invisible,
    non_ascii_ratio: round(nonAscii / n),
    scripts: mix.scripts,
    script_mix: round(mix.share),
  };
}

/** 0 for a word too short or long to count, 1 for a known word, 2 for an unknown one. */
function wordOutcome(
  text: string,
  start: number,
  len: number,
  h0: number,
  h1: number,
  h2: number,
  h3: number,
): number {
  if (len < 2 || len > MAX_WORD) return 0;
  return isKnownWordAt(text, start, len, h0, h1, h2, h3) ? 1 : 2;
}

function asciiLetters(): number {
  let k = 0;
  for (let c = 65; c <= 90; c++) k += ascii[c]! + ascii[c + 32]!;
  return k;
}

/**
 * How many scripts the letters are written in, and the share of letters outside the most used
 * one. Read from the non-ASCII counts the pass keeps anyway: ASCII-only text costs nothing more.
 */
function scriptMix(
  other: Map<number, number> | undefined,
  latin: number,
): { scripts: number; share: number } {
  if (!other) return { scripts: latin ? 1 : 0, share: 0 };
  const letters = new Map<number, number>();
  if (latin) letters.set(LATIN_SCRIPT, latin);
  for (const [c, k] of other) {
    const s = scriptOf(c);
    if (s !== NO_SCRIPT) letters.set(s, (letters.get(s) ?? 0) + k);
  }
  let total = 0;
  let top = 0;
  for (const k of letters.values()) {
    total += k;
    top = Math.max(top, k);
  }
  return { scripts: letters.size, share: total ? (total - top) / total : 0 };
}

/** Invisible format characters, and the high surrogate of the tag-character block U+E0000–U+E007F. */
export function isInvisible(c: number): boolean {
  return isInvisibleFormatChar(c) || c === 0xdb40;
}

const ascii = new Uint32Array(128);
const MAX_WORD = 24;

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
