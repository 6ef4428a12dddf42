/**
 * Hashed features for the injection classifier: word unigrams and bigrams plus character 4-grams of
 * the normalized text, folded into a fixed number of buckets. Hashing keeps the model a flat array
 * (no vocabulary to ship) and extraction allocation-free apart from the output.
 */
export const DEFAULT_BUCKETS = 1 << 16;
const MAX_CHARS = 4000;

function mix(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193) >>> 0;
}

/** Bucket index → count, as parallel arrays (sparse vector). */
export interface SparseFeatures {
  index: Uint32Array;
  value: Float32Array;
}

export function extractFeatures(text: string, buckets = DEFAULT_BUCKETS): SparseFeatures {
  const mask = buckets - 1;
  const counts = new Map<number, number>();
  const bump = (h: number) => {
    const k = h & mask;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  const n = Math.min(text.length, MAX_CHARS);
  // Character 4-grams, salted so they do not collide systematically with word features.
  for (let i = 0; i + 4 <= n; i++) {
    let h = 0x9e3779b9;
    for (let k = 0; k < 4; k++) h = mix(h, text.charCodeAt(i + k));
    bump(h);
  }
  let prev = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    const letter = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127;
    if (letter) {
      h = mix(h, c);
      inWord = true;
      continue;
    }
    if (inWord) {
      bump(h);
      if (prev) bump(mix(prev, h) ^ 0x5bd1e995);
      prev = h;
    }
    h = 0x811c9dc5;
    inWord = false;
  }
  const index = new Uint32Array(counts.size);
  const value = new Float32Array(counts.size);
  let norm = 0;
  let j = 0;
  for (const [k, v] of counts) {
    // Sub-linear counts, then L2 normalization: long prompts do not win by length alone.
    const w = 1 + Math.log(v);
    index[j] = k;
    value[j] = w;
    norm += w * w;
    j++;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < value.length; i++) value[i]! *= inv;
  return { index, value };
}
