/**
 * Logistic-regression training shared by scripts/train-classifier.ts (which writes the shipped
 * weights) and scripts/cv-threshold.ts (which chooses the solo threshold). Deterministic: seeded
 * shuffles, so the same data and flags give the same weights.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_BUCKETS, extractFeatures, type SparseFeatures } from '../src/detect/injection/features.js';
import { classifierInputOf } from '../src/detect/injection/injection-detector.js';

export interface Example {
  x: SparseFeatures;
  y: number;
  text: string;
  category: string;
}

export interface Model {
  w: Float32Array;
  b: number;
}

export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

export function flags(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === `--${name}` && process.argv[i + 1]) out.push(process.argv[i + 1]!);
  });
  return out;
}

/** Mulberry32: a tiny seeded PRNG so shuffles are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function load(path: string): Example[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const r = JSON.parse(line) as { text?: unknown; label?: unknown; category?: unknown };
      if (
        typeof r.text !== 'string' ||
        (r.label !== 0 && r.label !== 1 && r.label !== '0' && r.label !== '1')
      )
        throw new Error(`${path}:${i + 1}: needs "text" (string) and "label" (0 or 1)`);
      return {
        x: extractFeatures(classifierInputOf(r.text)),
        y: Number(r.label),
        text: r.text,
        category: typeof r.category === 'string' ? r.category : '',
      };
    });
}

export function train(data: readonly Example[], epochs: number, lr: number, l2: number, seed: number): Model {
  const w = new Float32Array(DEFAULT_BUCKETS);
  let b = 0;
  const order = data.map((_, i) => i);
  const rand = rng(seed);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = lr / (1 + e * 0.1);
    for (const k of order) {
      const { x, y } = data[k]!;
      let z = b;
      for (let i = 0; i < x.index.length; i++) z += w[x.index[i]!]! * x.value[i]!;
      const g = 1 / (1 + Math.exp(-z)) - y;
      for (let i = 0; i < x.index.length; i++) {
        const idx = x.index[i]!;
        w[idx] = w[idx]! - rate * (g * x.value[i]! + l2 * w[idx]!);
      }
      b -= rate * g;
    }
  }
  return { w, b };
}

export function predict(m: Model, x: SparseFeatures): number {
  let z = m.b;
  for (let i = 0; i < x.index.length; i++) z += m.w[x.index[i]!]! * x.value[i]!;
  return 1 / (1 + Math.exp(-z));
}

/** The int8 weights the detector ships, and the value of one step. */
export function quantize(m: Model): { q: Int8Array; scale: number } {
  let max = 0;
  for (const v of m.w) max = Math.max(max, Math.abs(v));
  const scale = max / 127 || 1;
  const q = new Int8Array(DEFAULT_BUCKETS);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(m.w[i]! / scale);
  return { q, scale };
}

/** Fold of each example for k-fold cross-validation, from a seed. */
export function folds(n: number, k: number, seed: number): number[] {
  const rand = rng(seed);
  return Array.from({ length: n }, () => Math.floor(rand() * k));
}
