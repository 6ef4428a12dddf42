import type { Rule } from '../schema.js';
import { MAX_EVIDENCE, MAX_GROUPS, type Hit } from '../types.js';

type CorrelationRule = Extract<Rule, { type: 'correlation' }>;

interface EntityState {
  signals: Map<string, { ts: number; ids: string[] }>;
  firedUntil: number;
}

/** At least N of M named signal rules fired for the same entity within the window. */
export class CorrelationEvaluator {
  private readonly entities = new Map<string, EntityState>();
  constructor(readonly rule: CorrelationRule) {}

  onHit(hit: Hit): Omit<Hit, 'rule' | 'tenant'> | undefined {
    if (!this.rule.signals.includes(hit.rule.id)) return undefined;
    const k = `${hit.tenant}\u0000${hit.entity.value}`;
    let s = this.entities.get(k);
    if (!s) {
      if (this.entities.size >= MAX_GROUPS) return undefined;
      s = { signals: new Map(), firedUntil: 0 };
      this.entities.set(k, s);
    }
    s.signals.set(hit.rule.id, { ts: hit.ts, ids: hit.event_ids });
    const live = [...s.signals].filter(
      ([, v]) => v.ts >= hit.ts - this.rule.window && v.ts <= hit.ts + this.rule.window,
    );
    if (live.length < this.rule.min_signals || hit.ts < s.firedUntil) return undefined;
    s.firedUntil = hit.ts + this.rule.window;
    const ids = [...new Set(live.flatMap(([, v]) => v.ids))].slice(-MAX_EVIDENCE * 2);
    return {
      ts: hit.ts,
      entity: hit.entity,
      event_ids: ids,
      signals: live.map(([id]) => id),
      value: live.length,
      summary: `${live.length} of ${this.rule.signals.length} signals within ${this.rule.window / 60_000}m: ${live.map(([id]) => id).join(', ')}`,
    };
  }

  sweep(watermark: number): void {
    for (const [k, s] of this.entities) {
      let newest = 0;
      for (const v of s.signals.values()) newest = Math.max(newest, v.ts);
      if (newest < watermark - this.rule.window) this.entities.delete(k);
    }
  }
}
