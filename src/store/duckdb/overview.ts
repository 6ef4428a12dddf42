import type { OverviewData, OverviewPanel, OverviewQuery, Point } from '../dashboard-types.js';
import { OVERVIEW_PANELS } from '../dashboard-types.js';
import * as rows from '../overview-rows.js';
import { micros } from './where.js';

export type SqlRunner = (sql: string, params: (string | number)[]) => Promise<Record<string, unknown>[]>;

/**
 * Range filter shared by every panel. `ts` first so DuckDB's zone maps skip row groups outside the
 * range; all values are bound parameters.
 */
class Scope {
  readonly params: (string | number)[] = [];
  constructor(readonly q: OverviewQuery) {}
  p(v: string | number): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
  where(extra = ''): string {
    const parts = [
      `ts >= make_timestamp(${this.p(micros(this.q.from))}::BIGINT)`,
      `ts < make_timestamp(${this.p(micros(this.q.to))}::BIGINT)`,
    ];
    if (this.q.tenant) parts.push(`tenant = ${this.p(this.q.tenant)}`);
    if (extra) parts.push(extra);
    return `WHERE ${parts.join(' AND ')}`;
  }
  /** Bucket index from the range start: integer division of epoch milliseconds (ClickHouse: intDiv). */
  bucket(): string {
    const from = this.p(Date.parse(this.q.from));
    const width = this.p(this.q.bucketSeconds * 1000);
    return `(epoch_ms(ts) - ${from}) // ${width}`;
  }
}

type PanelRunner = (run: SqlRunner, q: OverviewQuery) => Promise<Partial<OverviewData>>;

async function countSeries(run: SqlRunner, q: OverviewQuery, predicate: string): Promise<Point[]> {
  const s = new Scope(q);
  const b = s.bucket();
  const found = await run(
    `SELECT ${b} AS b, count(*) AS v FROM events ${s.where(predicate)} GROUP BY 1`,
    s.params,
  );
  return rows.dense(q, found);
}

export const PANEL_RUNNERS: Record<OverviewPanel, PanelRunner> = {
  async content_filter_blocks(run, q) {
    return {
      content_filter_blocks: await countSeries(run, q, `(guardrail_action = 'block' OR status = 'blocked')`),
    };
  },

  async access_denied(run, q) {
    return { access_denied: await countSeries(run, q, `status = 'denied'`) };
  },

  async tokens_by_identity(run, q) {
    const s = new Scope(q);
    const found = await run(
      `SELECT caller, sum(total_tokens) AS tokens, count(*) AS requests FROM events
       ${s.where(`kind = 'llm.call' AND caller IS NOT NULL`)}
       GROUP BY caller ORDER BY tokens DESC NULLS LAST, caller LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    return { tokens_by_identity: rows.tokensByIdentity(found) };
  },

  async callers(run, q) {
    // "New" means first seen (ever) inside the range: the credential-compromise signal.
    const s = new Scope(q);
    const from = s.p(micros(q.from));
    const to = s.p(micros(q.to));
    const tenant = q.tenant ? `AND tenant = ${s.p(q.tenant)}` : '';
    const found = await run(
      `SELECT count(*) AS uniq, count(*) FILTER (WHERE first_ts >= make_timestamp(${from}::BIGINT)) AS fresh
       FROM (SELECT caller, min(ts) AS first_ts, max(ts) AS last_ts FROM events
             WHERE ts < make_timestamp(${to}::BIGINT) AND caller IS NOT NULL ${tenant} GROUP BY caller) c
       WHERE last_ts >= make_timestamp(${from}::BIGINT)`,
      s.params,
    );
    return { callers: rows.callers(found) };
  },

  async error_rate_by_model(run, q) {
    // One scan over every model (few of them), top-N picked here: half the work of a CTE + rescan.
    const s = new Scope(q);
    const b = s.bucket();
    const found = await run(
      `SELECT model, ${b} AS b, count(*) AS total, count(*) FILTER (WHERE status = 'error') AS errors
       FROM events ${s.where(`kind = 'llm.call' AND model IS NOT NULL`)} GROUP BY ALL`,
      s.params,
    );
    return { error_rate_by_model: rows.errorRateSeries(q, found) };
  },

  async cost_burn_rate(run, q) {
    const s = new Scope(q);
    const b = s.bucket();
    const lastHour = s.p(micros(q.to) - 3600e6);
    const found = await run(
      `SELECT ${b} AS b, sum(cost_usd) AS v,
              sum(cost_usd) FILTER (WHERE ts >= make_timestamp(${lastHour}::BIGINT)) AS last_hour
       FROM events ${s.where(`cost_usd IS NOT NULL`)} GROUP BY 1`,
      s.params,
    );
    return { cost_burn_rate: rows.costBurnRate(q, found) };
  },

  async suspicious_prompts(run, q) {
    const s = new Scope(q);
    const families = q.suspiciousFamilies.map((f) => `contains(categories, ${s.p(`|${f}.`)})`);
    if (families.length === 0) return { suspicious_prompts: [] };
    const found = await run(
      `SELECT id, epoch_ms(ts) AS ms, caller, model, risk_score, categories,
              guardrail_action, has_content, trace_id
       FROM events ${s.where(`(${families.join(' OR ')})`)}
       ORDER BY ts DESC, id DESC LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    return { suspicious_prompts: rows.suspiciousPrompts(found) };
  },

  // Sightline's own response actions (enforcement changes) are shown with their alerts, not here:
  // this panel is the monitored services' deployment and configuration changes.
  async changes(run, q) {
    const s = new Scope(q);
    const found = await run(
      `SELECT id, epoch_ms(ts) AS ms, kind, caller, deployment, status, details
       FROM events ${s.where(`kind IN ('control', 'prompt.change') AND source <> 'sightline'`)}
       ORDER BY ts DESC, id DESC LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    return { changes: rows.changes(found) };
  },

  async model_performance(run, q) {
    const s = new Scope(q);
    // p95 from a per-model reservoir sample: exact quantiles sort every latency in the range.
    const found = await run(
      `SELECT model, count(*) AS requests, avg(latency_ms) AS lat_avg,
              reservoir_quantile(latency_ms, 0.95) AS lat_p95,
              count(*) FILTER (WHERE status = 'ok') AS ok, count(*) FILTER (WHERE status = 'error') AS errors
       FROM events ${s.where(`kind = 'llm.call' AND model IS NOT NULL`)}
       GROUP BY model ORDER BY requests DESC, model LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    return { model_performance: rows.modelPerformance(q, found) };
  },

  async team_usage(run, q) {
    const s = new Scope(q);
    const found = await run(
      `SELECT coalesce(team, '(none)') AS team, sum(total_tokens) AS tokens, sum(cost_usd) AS cost, count(*) AS requests
       FROM events ${s.where(`kind = 'llm.call'`)}
       GROUP BY 1 ORDER BY cost DESC NULLS LAST, tokens DESC NULLS LAST, team LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    return { team_usage: rows.teamUsage(found) };
  },
};

export async function runOverview(run: SqlRunner, q: OverviewQuery): Promise<OverviewData> {
  const out: OverviewData = { from: q.from, to: q.to, bucket_seconds: q.bucketSeconds };
  // Sequential: the reader connection runs one statement at a time and DuckDB parallelises each.
  for (const panel of q.panels ?? OVERVIEW_PANELS) Object.assign(out, await PANEL_RUNNERS[panel](run, q));
  return out;
}
