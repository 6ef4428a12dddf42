import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';

/**
 * English word list shipped in data/vocabulary.txt (from SCOWL via Debian's wamerican), held as a
 * table of 32-bit FNV-1a hashes rather than a Set of strings: the text-statistics pass can then
 * look a word up from a hash it computed while scanning, without slicing or lower-casing a
 * substring per word (that allocation was the largest cost of enrichment). A false "known" needs a
 * hash collision with one of ~64k words, about 1 in 70,000 unknown words: noise for a rate.
 */
export const FNV_BASIS = 0x811c9dc5;

export const FNV_PRIME = 0x01000193;

export function fnvStep(h: number, lowerCharCode: number): number {
  return Math.imul(h ^ lowerCharCode, FNV_PRIME) >>> 0;
}

let table: Uint32Array | undefined;
let mask = 0;

function load(): Uint32Array {
  if (table) return table;
  const words = readFileSync(packagePath('data', 'vocabulary.txt'), 'utf8').split('\n');
  let size = 1;
  while (size < words.length * 4) size <<= 1;
  const t = new Uint32Array(size);
  mask = size - 1;
  for (const w of words) {
    if (!w) continue;
    let h = FNV_BASIS;
    for (let i = 0; i < w.length; i++) h = fnvStep(h, w.charCodeAt(i));
    insert(t, h || 1);
  }
  table = t;
  return t;
}

function insert(t: Uint32Array, h: number): void {
  for (let i = h & mask; ; i = (i + 1) & mask) {
    if (t[i] === h) return;
    if (t[i] === 0) {
      t[i] = h;
      return;
    }
  }
}

export function hasWordHash(h: number): boolean {
  const t = load();
  const key = h || 1;
  for (let i = key & mask; ; i = (i + 1) & mask) {
    const v = t[i]!;
    if (v === key) return true;
    if (v === 0) return false;
  }
}

/**
 * Whether the ASCII word at `text[start..start+len)` is listed, accepting simple inflections
 * (plural, past, -ing) the list omits. `h0` is the hash of the whole lower-cased word, `h1`, `h2`
 * and `h3` of the word without its last one, two and three letters (int32 or uint32 bits).
 */
export function isKnownWordAt(
  text: string,
  start: number,
  len: number,
  h0: number,
  h1: number,
  h2: number,
  h3: number,
): boolean {
  if (hasWordHash(h0 >>> 0)) return true;
  const last = text.charCodeAt(start + len - 1) | 0x20;
  if (last === 115 /* s */ && hasWordHash(h1 >>> 0)) return true;
  const before = len > 2 ? text.charCodeAt(start + len - 2) | 0x20 : 0;
  if (len > 2 && last === 100 /* d */ && before === 101 /* e */) {
    if (hasWordHash(h2 >>> 0) || hasWordHash(h1 >>> 0)) return true;
  }
  if (
    len > 3 &&
    last === 103 /* g */ &&
    before === 110 /* n */ &&
    (text.charCodeAt(start + len - 3) | 0x20) === 105 /* i */
  ) {
    if (hasWordHash(h3 >>> 0) || hasWordHash(fnvStep(h3 >>> 0, 101 /* e */))) return true;
  }
  return false;
}

/** Convenience for callers holding a word as a string (tests, tools). */
export function isKnownWord(word: string): boolean {
  const lower = word.toLowerCase();
  const n = lower.length;
  if (n === 0) return false;
  const prefix = [FNV_BASIS];
  for (let i = 0; i < n; i++) prefix.push(fnvStep(prefix[i]!, lower.charCodeAt(i)));
  const at = (k: number) => (k >= 0 ? prefix[k]! : 0);
  return isKnownWordAt(lower, 0, n, at(n), at(n - 1), at(n - 2), at(n - 3));
}
