/**
 * Trains the injection classifier (logistic regression over hashed n-grams) and writes
 * data/detect/classifier.json. Deterministic: same corpus and flags, same weights.
 *
 *   npx tsx scripts/train-classifier.ts [--corpus data/detect/corpus.jsonl] [--extra FILE.jsonl ...]
 *       [--epochs 60] [--l2 1e-3] [--lr 0.5] [--out data/detect/classifier.json]
 *
 * Extra files are JSONL with `text` and `label` (1 attack, 0 benign), e.g. your own traffic
 * labelled by your team. Prints 5-fold cross-validated precision/recall before the final fit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_BUCKETS, extractFeatures, type SparseFeatures } from '../src/detect/injection/features.js';
import { normalizeText } from '../src/detect/text/normalize.js';

/** The detector's default solo threshold (detection.injection.classifier_threshold), chosen by CV. */
const SOLO_THRESHOLD = 0.7;

interface Example {
  x: SparseFeatures;
  y: number;
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function flags(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === `--${name}` && process.argv[i + 1]) out.push(process.argv[i + 1]!);
  });
  return out;
}

/** Mulberry32: a tiny seeded PRNG so shuffles are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function load(path: string): Example[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const r = JSON.parse(line) as { text?: unknown; label?: unknown };
      if (
        typeof r.text !== 'string' ||
        (r.label !== 0 && r.label !== 1 && r.label !== '0' && r.label !== '1')
      )
        throw new Error(`${path}:${i + 1}: needs "text" (string) and "label" (0 or 1)`);
      return { x: extractFeatures(normalizeText(r.text).text), y: Number(r.label) };
    });
}

function train(data: Example[], epochs: number, lr: number, l2: number, seed: number) {
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

function predict(m: { w: Float32Array; b: number }, x: SparseFeatures): number {
  let z = m.b;
  for (let i = 0; i < x.index.length; i++) z += m.w[x.index[i]!]! * x.value[i]!;
  return 1 / (1 + Math.exp(-z));
}

function main() {
  const corpus = flag('corpus', 'data/detect/corpus.jsonl');
  const extra = flags('extra');
  const epochs = Number(flag('epochs', '60'));
  const lr = Number(flag('lr', '0.5'));
  const l2 = Number(flag('l2', '1e-3'));
  const out = flag('out', 'data/detect/classifier.json');
  const data = [corpus, ...extra].flatMap(load);

  // 5-fold cross-validation, for the record.
  const rand = rng(7);
  const fold = data.map(() => Math.floor(rand() * 5));
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0,
    soloTp = 0,
    soloFp = 0;
  for (let f = 0; f < 5; f++) {
    const m = train(
      data.filter((_, i) => fold[i] !== f),
      epochs,
      lr,
      l2,
      1,
    );
    data.forEach((d, i) => {
      if (fold[i] !== f) return;
      const score = predict(m, d.x);
      if (score >= SOLO_THRESHOLD) {
        if (d.y) soloTp++;
        else soloFp++;
      }
      const p = score >= 0.5;
      if (p && d.y) tp++;
      else if (p) fp++;
      else if (d.y) fn++;
      else tn++;
    });
  }
  const cv = {
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    fpr: fp / (fp + tn),
    solo_recall: soloTp / (tp + fn),
    solo_fpr: soloFp / (fp + tn),
  };
  console.log(
    `5-fold CV on ${data.length} examples: precision ${cv.precision.toFixed(3)} recall ${cv.recall.toFixed(3)} fpr ${cv.fpr.toFixed(3)}; ` +
      `alone at ${SOLO_THRESHOLD}: recall ${cv.solo_recall.toFixed(3)} fpr ${cv.solo_fpr.toFixed(3)}`,
  );

  const model = train(data, epochs, lr, l2, 1);
  let max = 0;
  for (const v of model.w) max = Math.max(max, Math.abs(v));
  const scale = max / 127 || 1;
  const q = new Int8Array(DEFAULT_BUCKETS);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.w[i]! / scale);
  writeFileSync(
    out,
    JSON.stringify({
      version: 1,
      buckets: DEFAULT_BUCKETS,
      bias: model.b,
      scale,
      weights: Buffer.from(q.buffer).toString('base64'),
      trained: {
        corpus: [corpus, ...extra],
        examples: data.length,
        positives: data.filter((d) => d.y).length,
        epochs,
        lr,
        l2,
        cv: Object.fromEntries(Object.entries(cv).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
      },
    }) + '\n',
  );
  console.log(`wrote ${out}`);
}

main();
