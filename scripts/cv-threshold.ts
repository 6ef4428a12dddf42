/**
 * Chooses the classifier's solo threshold the way the detector will use it: k-fold
 * cross-validation of the whole injection detector (signatures, decodings and a classifier trained
 * on the other folds) over the shipped corpus, for several thresholds and fold seeds. Read the
 * false-positive rate on the corpus's hard benign rows against the 1% target.
 *
 *   npx tsx scripts/cv-threshold.ts [--corpus data/detect/corpus.jsonl] [--thresholds 0.6,0.65,0.7,0.75,0.8]
 *       [--seeds 7,11,13] [--epochs 60] [--l2 1e-3] [--lr 0.5]
 */
import { InjectionClassifier } from '../src/detect/injection/classifier.js';
import { createInjectionDetector, injectionScore } from '../src/detect/injection/injection-detector.js';
import { flag, folds, load, quantize, train } from './classifier-training.js';

const K = 5;
const list = (s: string) => s.split(',').map(Number);

function main() {
  const data = load(flag('corpus', 'data/detect/corpus.jsonl'));
  const thresholds = list(flag('thresholds', '0.6,0.65,0.7,0.75,0.8'));
  const seeds = list(flag('seeds', '7,11,13'));
  const epochs = Number(flag('epochs', '60'));
  const lr = Number(flag('lr', '0.5'));
  const l2 = Number(flag('l2', '1e-3'));
  console.log('seed  threshold  recall  fpr     (false positives / benign)');
  for (const seed of seeds) {
    const fold = folds(data.length, K, seed);
    const counts = thresholds.map(() => ({ tp: 0, fn: 0, fp: 0, tn: 0 }));
    for (let f = 0; f < K; f++) {
      const model = train(
        data.filter((_, i) => fold[i] !== f),
        epochs,
        lr,
        l2,
        1,
      );
      const { q, scale } = quantize(model);
      const classifier = new InjectionClassifier(q, scale, model.b);
      thresholds.forEach((t, ti) => {
        const detector = createInjectionDetector({ classifier, classifierThreshold: t });
        const c = counts[ti]!;
        data.forEach((d, i) => {
          if (fold[i] !== f) return;
          const flagged = injectionScore(detector.detect(d.text, { field: 'prompt' })) >= 0.5;
          if (d.y && flagged) c.tp++;
          else if (d.y) c.fn++;
          else if (flagged) c.fp++;
          else c.tn++;
        });
      });
    }
    thresholds.forEach((t, ti) => {
      const c = counts[ti]!;
      console.log(
        `${String(seed).padEnd(5)} ${t.toFixed(2).padEnd(10)} ${(c.tp / (c.tp + c.fn)).toFixed(3)}   ${(c.fp / (c.fp + c.tn)).toFixed(4)}  (${c.fp} / ${c.fp + c.tn})`,
      );
    });
  }
}

main();
