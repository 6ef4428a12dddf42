import { injectionScore } from '../injection/injection-detector.js';
import type { DetectorRegistry } from '../registry.js';
import type { TextField } from '../types.js';
import type { DatasetProblem, DatasetRow } from './dataset.js';
import { parseLabel } from './dataset.js';
import { emptyConfusion, percentile, rates, type Confusion } from './metrics.js';
import { scoreQuality, type ScoreQuality } from './score-quality.js';

export interface InjectionEvalOptions {
  textField: string;
  labelField: string;
  /** Column used to break results down (e.g. attack family); defaults to the label. */
  categoryField?: string;
  threshold: number;
  /** Which content field the texts stand for (retrieval and tool_result enable indirect checks). */
  field?: TextField;
}

export interface InjectionEvalReport {
  task: 'injection';
  examples: number;
  skipped: DatasetProblem[];
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
  confusion: Confusion;
  p50_us: number;
  p99_us: number;
  prompts_per_s: number;
  per_category: Record<string, Confusion & { detected_rate: number }>;
  /** How often each finding category fired, on attacks and on benign rows. */
  findings: Record<string, { attack: number; benign: number }>;
  /** The score across all thresholds: AUC, recall at FPR <= 1%, calibration. */
  score_quality: ScoreQuality;
}

export function evaluateInjection(
  registry: DetectorRegistry,
  rows: readonly DatasetRow[],
  problems: readonly DatasetProblem[],
  opts: InjectionEvalOptions,
): InjectionEvalReport {
  const skipped = [...problems];
  const total = emptyConfusion();
  const perCategory: Record<string, Confusion> = {};
  const findings: Record<string, { attack: number; benign: number }> = {};
  const times: number[] = [];
  const scores: number[] = [];
  const labels: boolean[] = [];
  let busy = 0;
  for (const { line, record } of rows) {
    const text = record[opts.textField];
    const label = parseLabel(record[opts.labelField]);
    if (typeof text !== 'string') {
      skipped.push({ line, message: `field "${opts.textField}" is missing or not text` });
      continue;
    }
    if (label === undefined) {
      skipped.push({ line, message: `field "${opts.labelField}" is not a recognised label` });
      continue;
    }
    const t0 = process.hrtime.bigint();
    const found = registry.run(text, { field: opts.field ?? 'prompt' });
    const score = injectionScore(found);
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    times.push(us);
    busy += us;
    scores.push(score);
    labels.push(label === 1);
    const predicted = score >= opts.threshold;
    const key = predicted ? (label ? 'tp' : 'fp') : label ? 'fn' : 'tn';
    total[key]++;
    const cat = String(record[opts.categoryField ?? opts.labelField] ?? 'unknown').split(':')[0]!;
    (perCategory[cat] ??= emptyConfusion())[key]++;
    for (const c of new Set(found.map((f) => f.category))) {
      const slot = (findings[c] ??= { attack: 0, benign: 0 });
      if (label) slot.attack++;
      else slot.benign++;
    }
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    task: 'injection',
    examples: times.length,
    skipped,
    threshold: opts.threshold,
    ...rates(total),
    confusion: total,
    p50_us: round(percentile(times, 50)),
    p99_us: round(percentile(times, 99)),
    prompts_per_s: busy > 0 ? Math.round((times.length / busy) * 1e6) : 0,
    per_category: Object.fromEntries(
      Object.entries(perCategory).map(([k, c]) => {
        const pos = c.tp + c.fn;
        const neg = c.fp + c.tn;
        return [
          k,
          {
            ...c,
            detected_rate: Math.round(((pos ? c.tp : c.fp) / Math.max(1, pos || neg)) * 10000) / 10000,
          },
        ];
      }),
    ),
    findings,
    score_quality: scoreQuality(scores, labels),
  };
}
