/**
 * The classifier's score computed in one pass over the text, without building the sparse vector:
 * every n-gram occurrence updates the dot product and the squared norm by the change its count
 * makes to `1 + ln(count)`. The result equals scoring `extractFeatures(text)` (same hashes, same
 * sub-linear counts, same L2 normalization), at a fraction of the cost, because the hot tables
 * (int8 weights, 16-bit counts) stay small enough for the CPU cache.
 */
import { codeUnitsOf } from '../text/utf16.js';
import { DEFAULT_BUCKETS, FEATURE_MAX_CHARS } from './features.js';

const P = 0x01000193;
const P3 = Math.imul(Math.imul(P, P), P);
const MAX_COUNT = 3 * FEATURE_MAX_CHARS + 8;

/** STEP[c]: how much 1 + ln(count) grows from c to c + 1; SQ[c]: how much its square grows. */
const STEP = new Float64Array(MAX_COUNT + 1);
const SQ = new Float64Array(MAX_COUNT + 1);
for (let c = 0; c <= MAX_COUNT; c++) {
  const before = c === 0 ? 0 : 1 + Math.log(c);
  const after = 1 + Math.log(c + 1);
  STEP[c] = after - before;
  SQ[c] = after * after - before * before;
}

let counts = new Uint16Array(DEFAULT_BUCKETS);
const touched = new Uint32Array(MAX_COUNT);

/**
 * Dot product of int8 `weights` with the L2-normalized sub-linear counts of `text`'s n-grams,
 * in units of the quantization scale.
 */
export function fusedDot(text: string, weights: Int8Array): number {
  const buckets = weights.length;
  if (counts.length !== buckets) counts = new Uint16Array(buckets);
  const mask = buckets - 1;
  const n = Math.min(text.length, FEATURE_MAX_CHARS);
  const units = codeUnitsOf(text, n);
  let nTouched = 0;
  let dot = 0;
  let sq = 0;
  let roll = 0;
  let prev = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? units[i]! : 32;
    // Character 4-grams with a rolling polynomial hash (as in extractFeatures).
    if (i < n) {
      roll = (Math.imul(roll, P) + c) | 0;
      if (i >= 3) {
        let x = roll ^ 0x9e3779b9;
        x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
        const k = ((x ^ (x >>> 13)) >>> 0) & mask;
        const cnt = counts[k]!;
        counts[k] = cnt + 1;
        if (cnt === 0) {
          // First occurrence (the usual case): the count's term goes from 0 to 1.
          touched[nTouched++] = k;
          dot += weights[k]!;
          sq += 1;
        } else {
          dot += weights[k]! * STEP[cnt]!;
          sq += SQ[cnt]!;
        }
        roll = (roll - Math.imul(units[i - 3]!, P3)) | 0;
      }
    }
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127) {
      h = Math.imul(h ^ c, P);
      inWord = true;
      continue;
    }
    if (inWord) {
      let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      let k = ((x ^ (x >>> 13)) >>> 0) & mask;
      let cnt = counts[k]!;
      if (cnt === 0) touched[nTouched++] = k;
      counts[k] = cnt + 1;
      dot += weights[k]! * STEP[cnt]!;
      sq += SQ[cnt]!;
      if (prev) {
        const b = Math.imul(prev, 31) ^ h ^ 0x5bd1e995;
        x = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
        k = ((x ^ (x >>> 13)) >>> 0) & mask;
        cnt = counts[k]!;
        if (cnt === 0) touched[nTouched++] = k;
        counts[k] = cnt + 1;
        dot += weights[k]! * STEP[cnt]!;
        sq += SQ[cnt]!;
      }
      prev = h;
    }
    h = 0x811c9dc5;
    inWord = false;
  }
  for (let j = 0; j < nTouched; j++) counts[touched[j]!] = 0;
  return sq > 0 ? dot / Math.sqrt(sq) : 0;
}
