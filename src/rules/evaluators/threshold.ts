import type { SightlineEvent } from '../../events/schema.js';
import { fieldGetter, keyGetter } from '../fields.js';
import type { Rule } from '../schema.js';
import { pushBounded, type EvalContext, type Evaluator, MAX_GROUPS } from '../types.js';

type ThresholdRule = Extract<Rule, { type: 'threshold' }>;
const SLOTS = 30;

interface Group {
  /** Per-slot count and sum, keyed by slot index (window / 30 wide), so eviction is O(slots). */
  slots: Map<number, { n: number; sum: number }>;
  /** distinct: value → last seen. */
  seen?: Map<string, number>;
  ids: string[];
  last: number;
  firedUntil: number;
}

/** count / sum / distinct over a sliding event-time window, per group. */
export function thresholdEvaluator(rule: ThresholdRule, ec: EvalContext): Evaluator {
  const groups = new Map<string, Group>();
  const key = keyGetter(rule.group_by);
  const field = rule.field ? fieldGetter(rule.field) : undefined;
  const width = Math.max(1, Math.ceil(rule.window / SLOTS));
  return {
    onEvent(e: SightlineEvent, ts: number) {
      const k = key(e);
      if (k === undefined) return undefined;
      let g = groups.get(k);
      if (!g) {
        if (groups.size >= MAX_GROUPS) return undefined;
        g = { slots: new Map(), ids: [], last: ts, firedUntil: 0 };
        if (rule.aggregate === 'distinct') g.seen = new Map();
        groups.set(k, g);
      }
      if (ts < g.last - ec.lateness_ms) {
        ec.late();
        return undefined;
      }
      g.last = Math.max(g.last, ts);
      const slot = Math.floor(ts / width);
      const s = g.slots.get(slot) ?? { n: 0, sum: 0 };
      s.n++;
      if (rule.aggregate === 'sum') {
        const v = field!(e);
        if (typeof v === 'number') s.sum += v;
      }
      g.slots.set(slot, s);
      if (g.seen) {
        const v = field!(e);
        if (v !== undefined && v !== null) g.seen.set(String(v), Math.max(g.seen.get(String(v)) ?? 0, ts));
      }
      pushBounded(g.ids, e.id);
      const from = g.last - rule.window;
      const firstSlot = Math.floor(from / width) + 1;
      let value = 0;
      for (const [i, sl] of g.slots) {
        if (i < firstSlot) {
          g.slots.delete(i);
          continue;
        }
        value += rule.aggregate === 'sum' ? sl.sum : sl.n;
      }
      if (g.seen) {
        for (const [v, at] of g.seen) if (at <= from) g.seen.delete(v);
        value = g.seen.size;
      }
      if (value > rule.above && ts >= g.firedUntil) {
        g.firedUntil = ts + rule.window;
        return {
          ts,
          event_ids: [...g.ids],
          value,
          summary: `${rule.aggregate}${rule.field ? ` of ${rule.field}` : ''} ${round(value)} > ${rule.above} within ${rule.window / 1000}s`,
        };
      }
      return undefined;
    },
    sweep(watermark) {
      for (const [k, g] of groups) if (g.last < watermark - rule.window) groups.delete(k);
    },
  };
}

export const round = (v: number) => Math.round(v * 100) / 100;
