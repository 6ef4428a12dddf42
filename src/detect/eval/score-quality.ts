/**
 * How good the risk score is as a score, not only at one threshold: ranking (ROC AUC), the recall
 * reachable at a false-positive budget (the form the project's targets take), and calibration
 * (Brier score, expected calibration error, a reliability table), since the score is documented
 * as a probability-like number that users threshold themselves.
 */
export interface ReliabilityBin {
  /** Scores in [from, to). The last bin includes 1. */
  from: number;
  to: number;
  count: number;
  mean_score: number;
  /** Share of the bin's rows that are attacks: what a calibrated score would equal. */
  attack_rate: number;
}

export interface ScoreQuality {
  /** Null when the data set holds only one class. */
  auc: number | null;
  /**
   * Best recall at FPR <= 1% over all thresholds, and the highest threshold reaching it (null when
   * no threshold catches anything within the budget).
   */
  recall_at_fpr_1pct: number | null;
  threshold_at_fpr_1pct: number | null;
  brier: number;
  /** Expected calibration error over 10 equal-width bins. */
  ece: number;
  reliability: ReliabilityBin[];
}

const BINS = 10;
const round4 = (x: number) => Math.round(x * 10000) / 10000;

export function scoreQuality(scores: readonly number[], labels: readonly boolean[]): ScoreQuality {
  const n = scores.length;
  let brier = 0;
  const bins = Array.from({ length: BINS }, () => ({ count: 0, sum: 0, attacks: 0 }));
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    const y = labels[i] ? 1 : 0;
    brier += (s - y) ** 2;
    // Scores are clamped to [0, 1] (a NaN counts as 0) so a bad score cannot index past the bins.
    const bin = bins[Math.min(BINS - 1, Math.max(0, Math.floor((s || 0) * BINS)))]!;
    bin.count++;
    bin.sum += s;
    bin.attacks += y;
  }
  let ece = 0;
  const reliability: ReliabilityBin[] = [];
  bins.forEach((b, i) => {
    if (b.count === 0) return;
    const mean = b.sum / b.count;
    const rate = b.attacks / b.count;
    ece += (b.count / n) * Math.abs(mean - rate);
    reliability.push({
      from: i / BINS,
      to: (i + 1) / BINS,
      count: b.count,
      mean_score: round4(mean),
      attack_rate: round4(rate),
    });
  });
  return {
    ...ranking(scores, labels),
    brier: round4(n ? brier / n : 0),
    ece: round4(n ? ece : 0),
    reliability,
  };
}

/** AUC (ties count half) and the best recall at FPR <= 1%, from one sort by descending score. */
function ranking(scores: readonly number[], labels: readonly boolean[]) {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const pos = labels.filter(Boolean).length;
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return { auc: null, recall_at_fpr_1pct: null, threshold_at_fpr_1pct: null };
  let tp = 0;
  let fp = 0;
  let area = 0;
  let bestRecall = 0;
  let bestThreshold: number | null = null;
  for (let i = 0; i < order.length;) {
    // Rows with equal scores fall on the same side of any threshold: take them as one step.
    const s = scores[order[i]!]!;
    let dtp = 0;
    let dfp = 0;
    for (; i < order.length && scores[order[i]!] === s; i++) {
      if (labels[order[i]!]) dtp++;
      else dfp++;
    }
    area += dfp * (tp + dtp / 2);
    tp += dtp;
    fp += dfp;
    if (fp / neg <= 0.01 && tp / pos > bestRecall) {
      bestRecall = tp / pos;
      bestThreshold = s;
    }
  }
  return {
    auc: round4(area / (pos * neg)),
    recall_at_fpr_1pct: round4(bestRecall),
    // Floored, not rounded: rounding up could put the threshold above the row that reaches it.
    threshold_at_fpr_1pct: bestThreshold === null ? null : Math.floor(bestThreshold * 10000) / 10000,
  };
}
