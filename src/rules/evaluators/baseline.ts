import type { SightlineEvent } from '../../events/schema.js';
import { fieldGetter, keyGetter } from '../fields.js';
import type { Rule } from '../schema.js';
import { pushBounded, type EvalContext, type Evaluator, MAX_GROUPS } from '../types.js';
import { round } from './threshold.js';

type BaselineRule = Extract<Rule, { type: 'baseline' }>;

interface Group {
  buckets: Map<number, number>;
  first: number;
  firedBucket: number;
  ids: string[];
  last: number;
}

/**
 * The current bucket's sum against `multiplier` × the p-th percentile of the group's previous
 * buckets (empty buckets since the group's first count as zero).
 */
export function baselineEvaluator(rule: BaselineRule, ec: EvalContext): Evaluator {
  const groups = new Map<string, Group>();
  const key = keyGetter(rule.group_by);
  const field = fieldGetter(rule.field);
  return {
    onEvent(e: SightlineEvent, ts: number) {
      const k = key(e);
      const v = field(e);
      if (k === undefined || typeof v !== 'number') return undefined;
      const b = Math.floor(ts / rule.bucket);
      let g = groups.get(k);
      if (!g) {
        if (groups.size >= MAX_GROUPS) return undefined;
        g = { buckets: new Map(), first: b, firedBucket: -1, ids: [], last: ts };
        groups.set(k, g);
      }
      g.first = Math.min(g.first, b);
      if (ts < g.last - ec.lateness_ms) {
        ec.late();
        return undefined;
      }
      g.last = Math.max(g.last, ts);
      const current = (g.buckets.get(b) ?? 0) + v;
      g.buckets.set(b, current);
      pushBounded(g.ids, e.id);
      if (g.firedBucket === b) return undefined;
      const history: number[] = [];
      for (let i = Math.max(g.first, b - rule.history); i < b; i++) history.push(g.buckets.get(i) ?? 0);
      for (const i of g.buckets.keys()) if (i < b - rule.history) g.buckets.delete(i);
      if (history.length < rule.min_history) return undefined;
      const p = percentile(history, rule.percentile);
      if (p <= 0 || current <= rule.multiplier * p) return undefined;
      g.firedBucket = b;
      return {
        ts,
        event_ids: [...g.ids],
        value: current,
        summary: `${rule.field} ${round(current)} in ${rule.bucket / 60_000}m > ${rule.multiplier}× p${rule.percentile} (${round(p)})`,
      };
    },
    sweep(watermark) {
      const horizon = rule.bucket * (rule.history + 1);
      for (const [k, g] of groups) if (g.last < watermark - horizon) groups.delete(k);
    },
  };
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
}
