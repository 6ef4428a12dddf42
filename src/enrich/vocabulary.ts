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

export function fnvStep(h: number, lowerCharCode: number): number {
  return Math.imul(h ^ lowerCharCode, 0x01000193) >>> 0;
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
 * Whether the lower-case ASCII word whose prefix hashes are `prefix[0..len]` (prefix[k] = hash of
 * the first k letters) is listed, accepting simple inflections (plural, past, -ing) the list omits.
 * `at(k)` returns the k-th letter's lower-case code.
 */
export function isKnownHashed(prefix: Uint32Array, len: number, at: (k: number) => number): boolean {
  if (hasWordHash(prefix[len]!)) return true;
  const last = at(len - 1);
  if (last === 115 /* s */ && hasWordHash(prefix[len - 1]!)) return true;
  if (len > 2 && last === 100 /* d */ && at(len - 2) === 101 /* e */) {
    if (hasWordHash(prefix[len - 2]!) || hasWordHash(prefix[len - 1]!)) return true;
  }
  if (len > 3 && last === 103 /* g */ && at(len - 2) === 110 /* n */ && at(len - 3) === 105 /* i */) {
    if (hasWordHash(prefix[len - 3]!) || hasWordHash(fnvStep(prefix[len - 3]!, 101 /* e */))) return true;
  }
  return false;
}

/** Convenience for callers holding a word as a string (tests, tools). */
export function isKnownWord(word: string): boolean {
  const lower = word.toLowerCase();
  const prefix = new Uint32Array(lower.length + 1);
  prefix[0] = FNV_BASIS;
  for (let i = 0; i < lower.length; i++) prefix[i + 1] = fnvStep(prefix[i]!, lower.charCodeAt(i));
  return lower.length > 0 && isKnownHashed(prefix, lower.length, (k) => lower.charCodeAt(k));
}
