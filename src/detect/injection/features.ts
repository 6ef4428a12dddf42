/**
 * Hashed features for the injection classifier: word unigrams and bigrams plus character 4-grams of
 * the normalized text, folded into a fixed number of buckets. Hashing keeps the model a flat array
 * (no vocabulary to ship); counts go into a reused scratch table, so extraction allocates only its
 * small output.
 */
export const DEFAULT_BUCKETS = 1 << 16;
/** Only the first this many characters are featurized (enough to judge; bounds the cost). */
export const FEATURE_MAX_CHARS = 4000;
const MAX_CHARS = FEATURE_MAX_CHARS;
const P = 0x01000193;
const P3 = Math.imul(Math.imul(P, P), P);

/** Bucket index → weight, as parallel arrays (sparse vector, L2-normalized). */
export interface SparseFeatures {
  index: Uint32Array;
  value: Float32Array;
}

let scratch = new Float32Array(DEFAULT_BUCKETS);
const touched = new Uint32Array(3 * MAX_CHARS + 8);

function finalize(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

export function extractFeatures(text: string, buckets = DEFAULT_BUCKETS): SparseFeatures {
  if (scratch.length !== buckets) scratch = new Float32Array(buckets);
  const counts = scratch;
  const mask = buckets - 1;
  let nTouched = 0;
  const bump = (h: number) => {
    const k = finalize(h) & mask;
    if (counts[k] === 0) touched[nTouched++] = k;
    counts[k]!++;
  };
  const n = Math.min(text.length, MAX_CHARS);
  // Character 4-grams with a rolling polynomial hash (one multiply per character).
  let roll = 0;
  for (let i = 0; i < n; i++) {
    roll = (Math.imul(roll, P) + text.charCodeAt(i)) | 0;
    if (i >= 3) {
      bump(roll ^ 0x9e3779b9);
      roll = (roll - Math.imul(text.charCodeAt(i - 3), P3)) | 0;
    }
  }
  let prev = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127) {
      h = Math.imul(h ^ c, P);
      inWord = true;
      continue;
    }
    if (inWord) {
      bump(h);
      if (prev) bump(Math.imul(prev, 31) ^ h ^ 0x5bd1e995);
      prev = h;
    }
    h = 0x811c9dc5;
    inWord = false;
  }
  const index = new Uint32Array(nTouched);
  const value = new Float32Array(nTouched);
  let norm = 0;
  for (let j = 0; j < nTouched; j++) {
    const k = touched[j]!;
    // Sub-linear counts, then L2 normalization: long prompts do not win by length alone.
    const w = 1 + Math.log(counts[k]!);
    counts[k] = 0;
    index[j] = k;
    value[j] = w;
    norm += w * w;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < nTouched; j++) value[j]! *= inv;
  return { index, value };
}
