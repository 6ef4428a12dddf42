import type { TextStats } from '../events/schema.js';
import { isInvisibleFormatChar } from '../detect/text/invisible.js';
import { FNV_BASIS, fnvStep, isKnownHashed } from './vocabulary.js';

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
    };
  }
  // ASCII counts in a reused typed array; a Map only for the rarer non-ASCII code units.
  ascii.fill(0);
  const other = new Map<number, number>();
  let special = 0;
  let invisible = 0;
  let nonAscii = 0;
  let words = 0;
  let unknown = 0;
  let wordStart = -1;
  const letterAt = (k: number) => text.charCodeAt(wordStart + k) | 0x20;
  const endWord = (end: number) => {
    if (wordStart < 0) return;
    const len = end - wordStart;
    if (len >= 2 && len <= MAX_WORD) {
      words++;
      if (!isKnownHashed(prefixHashes, len, letterAt)) unknown++;
    }
    wordStart = -1;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) ascii[c]!++;
    else other.set(c, (other.get(c) ?? 0) + 1);
    const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (isLetter) {
      if (wordStart < 0) {
        wordStart = i;
        prefixHashes[0] = FNV_BASIS;
      }
      const k = i - wordStart;
      if (k < MAX_WORD) prefixHashes[k + 1] = fnvStep(prefixHashes[k]!, c | 0x20);
      continue;
    }
    endWord(i);
    if (c > 127) {
      nonAscii++;
      if (isInvisible(c)) invisible++;
    } else if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
      invisible++;
    } else if (!(c >= 48 && c <= 57) && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      special++;
    }
  }
  endWord(n);
  let entropy = 0;
  for (let c = 0; c < 128; c++) {
    const k = ascii[c]!;
    if (k) entropy -= (k / n) * Math.log2(k / n);
  }
  for (const k of other.values()) entropy -= (k / n) * Math.log2(k / n);
  return {
    length: n,
    special_char_ratio: round(special / n),
    oov_rate: words ? round(unknown / words) : 0,
    entropy: round(entropy),
    invisible_chars: invisible,
    non_ascii_ratio: round(nonAscii / n),
  };
}

/** Invisible format characters, and the high surrogate of the tag-character block U+E0000–U+E007F. */
export function isInvisible(c: number): boolean {
  return isInvisibleFormatChar(c) || c === 0xdb40;
}

const ascii = new Uint32Array(128);
const MAX_WORD = 24;
// prefixHashes[k] is the hash of the current word's first k letters, lower-cased.
const prefixHashes = new Uint32Array(MAX_WORD + 1);

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
