import type { SightlineEvent } from '../events/schema.js';
import { compileSchedule, compileWhere, type Predicate } from './condition.js';
import { baselineEvaluator } from './evaluators/baseline.js';
import { CorrelationEvaluator } from './evaluators/correlation.js';
import { distributionShiftEvaluator } from './evaluators/distribution-shift.js';
import { newValueEvaluator } from './evaluators/new-value.js';
import { thresholdEvaluator } from './evaluators/threshold.js';
import { fieldGetter } from './fields.js';
import type { Rule } from './schema.js';
import type { EvalContext, Evaluator, Hit } from './types.js';

interface Compiled {
  rule: Rule;
  where: Predicate;
  offHours?: (ts: number) => boolean;
  entity: { type: string; get: (e: SightlineEvent) => unknown }[];
  make: (ec: EvalContext) => Evaluator;
}

function matchEvaluator(rule: Rule): Evaluator {
  return {
    onEvent: (e, ts) => ({ ts, event_ids: [e.id], summary: `${rule.name}` }),
    sweep: () => undefined,
  };
}

function evaluatorFor(rule: Rule): (ec: EvalContext) => Evaluator {
  switch (rule.type) {
    case 'threshold':
      return (ec) => thresholdEvaluator(rule, ec);
    case 'new_value':
      return () => newValueEvaluator(rule);
    case 'baseline':
      return (ec) => baselineEvaluator(rule, ec);
    case 'distribution_shift':
      return (ec) => distributionShiftEvaluator(rule, ec);
    default:
      return () => matchEvaluator(rule);
  }
}

export interface EngineOptions {
  /** Events older than their group's newest minus this are too late for windowed rules. */
  lateness_ms: number;
}

/**
 * Runs a rule set over the event stream on event time. Per-event rules see every event; windowed
 * rules accept events up to `lateness_ms` behind their group's newest; correlations see the other
 * rules' hits.
 * State is in memory, per tenant; the module rebuilds it on start by replaying recent stored events.
 */
export class RuleEngine {
  private readonly compiled: Compiled[];
  private readonly correlations: Rule[];
  private readonly tenants = new Map<string, { evals: Evaluator[]; corr: CorrelationEvaluator[] }>();
  private watermark = 0;
  private sinceSweep = 0;
  readonly stats = { events: 0, late: 0, hits: 0 };

  constructor(
    readonly rules: readonly Rule[],
    opts: EngineOptions = { lateness_ms: 60_000 },
  ) {
    this.ec = { lateness_ms: opts.lateness_ms, late: () => void this.stats.late++ };
    const enabled = rules.filter((r) => r.enabled);
    this.compiled = enabled
      .filter((r) => r.type !== 'correlation')
      .map((rule) => ({
        rule,
        where: compileWhere(rule.where),
        offHours: rule.schedule ? compileSchedule(rule.schedule) : undefined,
        entity: rule.entity.map((p) => ({ type: p.split('.').pop()!, get: fieldGetter(p) })),
        make: evaluatorFor(rule),
      }));
    this.correlations = enabled.filter((r) => r.type === 'correlation');
  }

  private readonly ec: EvalContext;

  private state(tenant: string) {
    let s = this.tenants.get(tenant);
    if (!s) {
      s = {
        evals: this.compiled.map((c) => c.make(this.ec)),
        corr: this.correlations.map(
          (r) => new CorrelationEvaluator(r as Extract<Rule, { type: 'correlation' }>),
        ),
      };
      this.tenants.set(tenant, s);
    }
    return s;
  }

  /** Every hit, signals included; the caller decides which become alerts (`rule.alert`). */
  process(events: readonly SightlineEvent[]): Hit[] {
    const out: Hit[] = [];
    for (const e of events) {
      const ts = Date.parse(e.ts);
      if (Number.isNaN(ts)) continue;
      this.stats.events++;
      if (ts > this.watermark) this.watermark = ts;
      const st = this.state(e.tenant);
      for (let i = 0; i < this.compiled.length; i++) {
        const c = this.compiled[i]!;
        if (!c.where(e) || (c.offHours && !c.offHours(ts))) continue;
        const entity = entityOf(c, e);
        if (!entity) continue;
        const partial = st.evals[i]!.onEvent(e, ts);
        if (!partial) continue;
        const hit: Hit = { ...partial, rule: c.rule, entity, tenant: e.tenant };
        out.push(hit);
        for (const corr of st.corr) {
          const h = corr.onHit(hit);
          if (h) out.push({ ...h, rule: corr.rule, tenant: e.tenant });
        }
      }
      if (++this.sinceSweep >= 20_000) this.sweep();
    }
    this.stats.hits += out.length;
    return out;
  }

  private sweep(): void {
    this.sinceSweep = 0;
    for (const s of this.tenants.values()) {
      for (const ev of s.evals) ev.sweep(this.watermark);
      for (const c of s.corr) c.sweep(this.watermark);
    }
  }
}

function entityOf(c: Compiled, e: SightlineEvent): Hit['entity'] | undefined {
  for (const { type, get } of c.entity) {
    const v = get(e);
    if (v !== undefined && v !== null && v !== '') return { type, value: String(v) };
  }
  return undefined;
}
