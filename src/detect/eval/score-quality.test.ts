import { describe, expect, it } from 'vitest';
import { scoreQuality } from './score-quality.js';

describe('scoreQuality', () => {
  it('gives AUC 1 and full recall at 1% FPR when every attack outscores every benign row', () => {
    const q = scoreQuality([0.9, 0.8, 0.2, 0.1], [true, true, false, false]);
    expect(q.auc).toBe(1);
    expect(q.recall_at_fpr_1pct).toBe(1);
    expect(q.threshold_at_fpr_1pct).toBe(0.8);
  });

  it('counts ties as half and finds the recall the FPR budget allows', () => {
    // One attack ties with a benign row; the other attack is below it.
    const q = scoreQuality([0.7, 0.7, 0.3, 0.1], [true, false, true, false]);
    // Pairs (attack, benign): (0.7, 0.7) half, (0.7, 0.1) one, (0.3, 0.7) none, (0.3, 0.1) one.
    expect(q.auc).toBe(0.625);
    // Any threshold that keeps the benign 0.7 out (FPR 0 <= 1%) also loses the attack tied with it.
    expect(q.recall_at_fpr_1pct).toBe(0);
    expect(q.threshold_at_fpr_1pct).toBeNull();
  });

  it('has no ranking figures on a one-class data set, but still measures calibration', () => {
    const q = scoreQuality([0.95, 0.85], [true, true]);
    expect(q.auc).toBeNull();
    expect(q.recall_at_fpr_1pct).toBeNull();
    expect(q.brier).toBeCloseTo((0.05 ** 2 + 0.15 ** 2) / 2, 4);
  });

  it('measures calibration error per bin against the share of attacks', () => {
    // Ten rows scored 0.25: a calibrated score would see 2 or 3 attacks among them; here 10.
    const q = scoreQuality(Array(10).fill(0.25), Array(10).fill(true));
    expect(q.ece).toBe(0.75);
    expect(q.reliability).toEqual([{ from: 0.2, to: 0.3, count: 10, mean_score: 0.25, attack_rate: 1 }]);
    const calibrated = scoreQuality([0.25, 0.25, 0.25, 0.25, 1], [true, false, false, false, true]);
    expect(calibrated.ece).toBe(0);
  });
});
