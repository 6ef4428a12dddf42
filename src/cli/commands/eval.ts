import { existsSync } from 'node:fs';
import { loadConfig } from '../../config/load.js';
import { readDataset } from '../../detect/eval/dataset.js';
import { evaluateInjection, type InjectionEvalReport } from '../../detect/eval/evaluate.js';
import { evaluatePii, type PiiEvalReport } from '../../detect/eval/evaluate-pii.js';
import type { TextField } from '../../detect/types.js';
import { createDetectorRegistry } from '../../detect/wiring.js';
import { UsageError, type Command } from '../command.js';

function pct(x: number): string {
  return (x * 100).toFixed(1).padStart(6) + '%';
}

function printInjection(r: InjectionEvalReport): void {
  console.log(`examples ${r.examples}  threshold ${r.threshold}  skipped ${r.skipped.length}`);
  console.log(`precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}  FPR ${pct(r.fpr)}`);
  console.log(
    `confusion  TP ${r.confusion.tp}  FP ${r.confusion.fp}  FN ${r.confusion.fn}  TN ${r.confusion.tn}`,
  );
  console.log(
    `latency    p50 ${r.p50_us} µs  p99 ${r.p99_us} µs  ${r.prompts_per_s.toLocaleString('en')} prompts/s (one core)`,
  );
  const q = r.score_quality;
  const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  console.log(
    `score      AUC ${num(q.auc)}  recall at FPR<=1% ${num(q.recall_at_fpr_1pct)} (threshold ${num(q.threshold_at_fpr_1pct)})  Brier ${num(q.brier)}  ECE ${num(q.ece)}`,
  );
  console.log('\nscore bin     rows  mean score  attack share');
  for (const b of q.reliability)
    console.log(
      `${b.from.toFixed(1)}–${b.to.toFixed(1)}${String(b.count).padStart(10)}${b.mean_score.toFixed(3).padStart(12)}${b.attack_rate.toFixed(3).padStart(14)}`,
    );
  console.log('\ncategory                      TP     FP     FN     TN  detected');
  for (const [k, c] of Object.entries(r.per_category).sort())
    console.log(
      `${k.padEnd(28)}${[c.tp, c.fp, c.fn, c.tn].map((n) => String(n).padStart(6)).join(' ')} ${pct(c.detected_rate)}`,
    );
  console.log('\nfinding category              on attacks  on benign');
  for (const [k, c] of Object.entries(r.findings).sort((a, b) => b[1].attack - a[1].attack))
    console.log(`${k.padEnd(30)}${String(c.attack).padStart(10)} ${String(c.benign).padStart(10)}`);
}

function printPii(r: PiiEvalReport): void {
  console.log(`examples ${r.examples}  skipped ${r.skipped.length}`);
  console.log(
    `validated types: precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}  FPR ${pct(r.fpr)}`,
  );
  console.log(
    `latency    p50 ${r.p50_us} µs  p99 ${r.p99_us} µs  ${r.prompts_per_s.toLocaleString('en')} texts/s (one core)`,
  );
  console.log('\ntype                 TP     FP     FN  precision  recall');
  for (const [k, c] of Object.entries(r.per_category).sort())
    console.log(
      `${k.padEnd(18)}${[c.tp, c.fp, c.fn].map((n) => String(n).padStart(6)).join(' ')}  ${pct(c.precision)} ${pct(c.recall)}`,
    );
  const un = Object.entries(r.unsupported_types);
  if (un.length)
    console.log(`\nnot detected by design (ignored): ${un.map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

const command: Command = {
  name: 'eval',
  summary: 'measure the detectors on a labelled data set (precision, recall, FPR, latency)',
  usage: `Usage: sightline eval --dataset FILE [--task injection|pii] [--text-field F] [--label-field F]
                      [--category-field F] [--entities-field F] [--threshold 0..1]
                      [--field prompt|retrieval|tool_result|response] [--format table|json] [--config FILE]
  FILE is CSV (header row) or JSONL / a JSON array.
  injection: one text and a label a row (1/0, true/false, attack/benign).
  pii: one text and its expected entity types a row (e.g. ["email","phone"]; Presidio's
       full_text/spans records are read as well).`,
  options: {
    dataset: { type: 'string' },
    task: { type: 'string', default: 'injection' },
    'text-field': { type: 'string', default: 'text' },
    'label-field': { type: 'string', default: 'label' },
    'category-field': { type: 'string' },
    'entities-field': { type: 'string', default: 'entities' },
    threshold: { type: 'string', default: '0.5' },
    field: { type: 'string', default: 'prompt' },
    format: { type: 'string', default: 'table' },
    config: { type: 'string' },
  },
  async run({ values }) {
    const dataset = values.dataset as string | undefined;
    if (!dataset) throw new UsageError('--dataset FILE is required');
    if (!existsSync(dataset)) throw new UsageError(`no such file: ${dataset}`);
    const task = values.task as string;
    if (task !== 'injection' && task !== 'pii')
      throw new UsageError(`--task must be injection or pii, not ${task}`);
    const threshold = Number(values.threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be between 0 and 1');
    const field = values.field as string;
    if (!['prompt', 'retrieval', 'tool_result', 'response'].includes(field))
      throw new UsageError('--field must be prompt, retrieval, tool_result or response');
    const config = loadConfig({ file: values.config as string | undefined });
    const registry = createDetectorRegistry(config);
    const { rows, problems } = readDataset(dataset);
    // Warm the detectors (classifier load, regex compilation) so latency reflects steady state.
    for (const r of rows.slice(0, 50))
      registry.run(String(r.record[values['text-field'] as string] ?? ''), { field: 'prompt' });
    const report =
      task === 'pii'
        ? evaluatePii(registry, rows, problems, {
            textField: values['text-field'] as string,
            entitiesField: values['entities-field'] as string,
          })
        : evaluateInjection(registry, rows, problems, {
            textField: values['text-field'] as string,
            labelField: values['label-field'] as string,
            categoryField: values['category-field'] as string | undefined,
            threshold,
            field: field as TextField,
          });
    for (const p of report.skipped.slice(0, 20)) console.error(`${dataset}:${p.line}: skipped: ${p.message}`);
    if (report.skipped.length > 20) console.error(`... and ${report.skipped.length - 20} more skipped rows`);
    if (values.format === 'json') console.log(JSON.stringify(report, null, 2));
    else if (report.task === 'pii') printPii(report);
    else printInjection(report);
    return report.examples > 0 ? 0 : 1;
  },
};

export default command;
