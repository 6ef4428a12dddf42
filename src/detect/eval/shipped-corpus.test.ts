import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/load.js';
import { packagePath } from '../../util/package-root.js';
import { createDetectorRegistry } from '../wiring.js';
import { readDataset } from './dataset.js';
import { evaluateInjection } from './evaluate.js';

const registry = createDetectorRegistry(parseConfig({}));
const evaluate = (file: string) => {
  const { rows, problems } = readDataset(packagePath('data', 'detect', file));
  return evaluateInjection(registry, rows, problems, {
    textField: 'text',
    labelField: 'label',
    categoryField: 'category',
    threshold: 0.5,
  });
};

// Fixed floors: a change to signatures, normalization or the classifier that loses ground fails
// here. The corpus trains the classifier, so the hand-written hold-out set is the honest figure.
describe('shipped corpora', () => {
  it('training corpus: every family caught, hard benign cases mostly clear', () => {
    const r = evaluate('corpus.jsonl');
    expect(r.skipped).toEqual([]);
    expect(r.recall).toBeGreaterThanOrEqual(0.97);
    expect(r.fpr).toBeLessThanOrEqual(0.02);
    for (const [family, c] of Object.entries(r.per_category))
      if (c.tp + c.fn > 0) expect(c.tp / (c.tp + c.fn), family).toBeGreaterThanOrEqual(0.9);
    // Each benign kind too (follow-up turns, documents, role-play, prompts about prompt security):
    // a pooled rate could hide one kind going wrong.
    for (const [family, c] of Object.entries(r.per_category))
      if (c.fp + c.tn > 0) expect(c.fp / (c.fp + c.tn), family).toBeLessThanOrEqual(0.05);
  });

  it('hold-out set (never trained on): recall and false-positive floors', () => {
    const r = evaluate('holdout.jsonl');
    expect(r.examples).toBeGreaterThanOrEqual(180);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.fpr).toBeLessThanOrEqual(0.03);
  });

  it('look-alikes (benign prompts about attacks, software modes, markup, role-play): few flagged', () => {
    const r = evaluate('lookalikes.jsonl');
    expect(r.examples).toBeGreaterThanOrEqual(100);
    expect(r.fpr).toBeLessThanOrEqual(0.03);
  });
});
