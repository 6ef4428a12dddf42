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
import { writeFileSync } from 'node:fs';
import { DEFAULT_BUCKETS } from '../src/detect/injection/features.js';
import { flag, flags, folds, load, predict, quantize, train } from './classifier-training.js';

/**
 * The detector's default solo threshold (detection.injection.classifier_threshold), chosen by
 * scripts/cv-threshold.ts.
 */
const SOLO_THRESHOLD = 0.75;

function main() {
  const corpus = flag('corpus', 'data/detect/corpus.jsonl');
  const extra = flags('extra');
  const epochs = Number(flag('epochs', '60'));
  const lr = Number(flag('lr', '0.5'));
  const l2 = Number(flag('l2', '1e-3'));
  const out = flag('out', 'data/detect/classifier.json');
  const data = [corpus, ...extra].flatMap(load);

  // 5-fold cross-validation, for the record.
  const fold = folds(data.length, 5, 7);
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
  const { q, scale } = quantize(model);
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
