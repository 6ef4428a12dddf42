import type { SightlineEvent } from '../../events/schema.js';
import { chiSquaredPValue } from '../chi-squared.js';
import { fieldGetter, keyGetter } from '../fields.js';
import type { Rule } from '../schema.js';
import { pushBounded, type EvalContext, type Evaluator, MAX_GROUPS } from '../types.js';

type ShiftRule = Extract<Rule, { type: 'distribution_shift' }>;

interface Group {
  windows: Map<number, { counts: Map<string, number>; n: number }>;
  fired: number;
  ids: string[];
  last: number;
}

/** Chi-squared between the current window's histogram and the previous window's, per group. */
export function distributionShiftEvaluator(rule: ShiftRule, ec: EvalContext): Evaluator {
  const groups = new Map<string, Group>();
  const key = keyGetter(rule.group_by);
  const field = fieldGetter(rule.field);
  // Testing on every event is wasteful; test at min_count and then every tenth of it.
  const step = Math.max(1, Math.floor(rule.min_count / 10));
  return {
    onEvent(e: SightlineEvent, ts: number) {
      const k = key(e);
      const v = field(e);
      if (k === undefined || v === undefined || v === null) return undefined;
      const w = Math.floor(ts / rule.window);
      let g = groups.get(k);
      if (!g) {
        if (groups.size >= MAX_GROUPS) return undefined;
        g = { windows: new Map(), fired: -1, ids: [], last: ts };
        groups.set(k, g);
      }
      if (ts < g.last - ec.lateness_ms) {
        ec.late();
        return undefined;
      }
      g.last = Math.max(g.last, ts);
      const cur = g.windows.get(w) ?? { counts: new Map(), n: 0 };
      cur.counts.set(String(v), (cur.counts.get(String(v)) ?? 0) + 1);
      cur.n++;
      g.windows.set(w, cur);
      for (const i of g.windows.keys()) if (i < w - 1) g.windows.delete(i);
      pushBounded(g.ids, e.id);
      const prev = g.windows.get(w - 1);
      if (g.fired === w || !prev || prev.n < rule.min_count || cur.n < rule.min_count) return undefined;
      if ((cur.n - rule.min_count) % step !== 0) return undefined;
      const p = chiSquaredPValue(cur.counts, prev.counts);
      if (p >= rule.p_value) return undefined;
      g.fired = w;
      return {
        ts,
        event_ids: [...g.ids],
        value: p,
        summary: `${rule.field} distribution shifted (chi-squared p=${p.toExponential(2)} < ${rule.p_value})`,
      };
    },
    sweep(watermark) {
      for (const [k, g] of groups) if (g.last < watermark - 2 * rule.window) groups.delete(k);
    },
  };
}
