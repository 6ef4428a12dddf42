import type { OverviewData, OverviewPanel, OverviewQuery, Point } from '../dashboard-types.js';
import { OVERVIEW_PANELS } from '../dashboard-types.js';
import * as rows from '../overview-rows.js';
import { Binder, type Params } from './where.js';

export type ChRunner = (sql: string, params: Params) => Promise<Record<string, unknown>[]>;

/** The same panels as the DuckDB engine, in ClickHouse SQL; every value a bound parameter. */
class Scope extends Binder {
  constructor(readonly q: OverviewQuery) {
    super();
  }
  where(extra = ''): string {
    const parts = [`ts >= ${this.time(this.q.from)}`, `ts < ${this.time(this.q.to)}`];
    if (this.q.tenant) parts.push(`tenant = ${this.str(this.q.tenant)}`);
    if (extra) parts.push(extra);
    return `WHERE ${parts.join(' AND ')}`;
  }
  bucket(): string {
    const from = this.bind(Date.parse(this.q.from), 'Int64');
    const width = this.bind(this.q.bucketSeconds * 1000, 'Int64');
    return `intDiv(toUnixTimestamp64Milli(ts) - ${from}, ${width})`;
  }
  /** Integers from the validated query, bound like everything else. */
  top(): string {
    return this.bind(Math.max(1, Math.trunc(this.q.topN)), 'UInt32');
  }
}

async function countSeries(run: ChRunner, q: OverviewQuery, t: string, predicate: string): Promise<Point[]> {
  const s = new Scope(q);
  const b = s.bucket();
  return rows.dense(
    q,
    await run(`SELECT ${b} AS b, count() AS v FROM ${t} ${s.where(predicate)} GROUP BY b`, s.params),
  );
}

type PanelRunner = (run: ChRunner, q: OverviewQuery, t: string) => Promise<Partial<OverviewData>>;

const PANELS: Record<OverviewPanel, PanelRunner> = {
  async content_filter_blocks(run, q, t) {
    return {
      content_filter_blocks: await countSeries(
        run,
        q,
        t,
        `(guardrail_action = 'block' OR status = 'blocked')`,
      ),
    };
  },
  async access_denied(run, q, t) {
    return { access_denied: await countSeries(run, q, t, `status = 'denied'`) };
  },
  async tokens_by_identity(run, q, t) {
    const s = new Scope(q);
    const found = await run(
      `SELECT caller, sum(total_tokens) AS tokens, count() AS requests FROM ${t}
       ${s.where(`kind = 'llm.call' AND caller IS NOT NULL`)}
       GROUP BY caller ORDER BY tokens DESC NULLS LAST, caller LIMIT ${s.top()}`,
      s.params,
    );
    return { tokens_by_identity: rows.tokensByIdentity(found) };
  },
  async callers(run, q, t) {
    const s = new Scope(q);
    const from = s.time(q.from);
    const to = s.time(q.to);
    const tenant = q.tenant ? `AND tenant = ${s.str(q.tenant)}` : '';
    const found = await run(
      `SELECT count() AS uniq, countIf(first_ts >= ${from}) AS fresh
       FROM (SELECT caller, min(ts) AS first_ts, max(ts) AS last_ts FROM ${t}
             WHERE ts < ${to} AND caller IS NOT NULL ${tenant} GROUP BY caller)
       WHERE last_ts >= ${from}`,
      s.params,
    );
    return { callers: rows.callers(found) };
  },
  async error_rate_by_model(run, q, t) {
    const s = new Scope(q);
    const b = s.bucket();
    const found = await run(
      `SELECT assumeNotNull(model) AS model, ${b} AS b, count() AS total, countIf(status = 'error') AS errors
       FROM ${t} ${s.where(`kind = 'llm.call' AND model IS NOT NULL`)} GROUP BY model, b`,
      s.params,
    );
    return { error_rate_by_model: rows.errorRateSeries(q, found) };
  },
  async cost_burn_rate(run, q, t) {
    const s = new Scope(q);
    const b = s.bucket();
    const lastHour = s.time(new Date(Date.parse(q.to) - 3_600_000).toISOString());
    const found = await run(
      `SELECT ${b} AS b, sum(cost_usd) AS v, sumIf(cost_usd, ts >= ${lastHour}) AS last_hour
       FROM ${t} ${s.where(`cost_usd IS NOT NULL`)} GROUP BY b`,
      s.params,
    );
    return { cost_burn_rate: rows.costBurnRate(q, found) };
  },
  async suspicious_prompts(run, q, t) {
    const s = new Scope(q);
    const families = q.suspiciousFamilies.map((f) => `position(categories, ${s.str(`|${f}.`)}) > 0`);
    if (families.length === 0) return { suspicious_prompts: [] };
    const found = await run(
      `SELECT id, toUnixTimestamp64Milli(ts) AS ms, caller, model, risk_score, categories, guardrail_action,
              has_content, trace_id
       FROM ${t} ${s.where(`(${families.join(' OR ')})`)} ORDER BY ts DESC, id DESC LIMIT ${s.top()}`,
      s.params,
    );
    return { suspicious_prompts: rows.suspiciousPrompts(found) };
  },
  async changes(run, q, t) {
    const s = new Scope(q);
    const found = await run(
      `SELECT id, toUnixTimestamp64Milli(ts) AS ms, kind, caller, deployment, status, details
       FROM ${t} ${s.where(`kind IN ('control', 'prompt.change') AND source <> 'sightline'`)} ORDER BY ts DESC, id DESC LIMIT ${s.top()}`,
      s.params,
    );
    return { changes: rows.changes(found) };
  },
  async model_performance(run, q, t) {
    const s = new Scope(q);
    const found = await run(
      `SELECT assumeNotNull(model) AS model, count() AS requests, avg(latency_ms) AS lat_avg,
              quantile(0.95)(latency_ms) AS lat_p95, countIf(status = 'ok') AS ok, countIf(status = 'error') AS errors
       FROM ${t} ${s.where(`kind = 'llm.call' AND model IS NOT NULL`)}
       GROUP BY model ORDER BY requests DESC, model LIMIT ${s.top()}`,
      s.params,
    );
    return { model_performance: rows.modelPerformance(q, found) };
  },
  async team_usage(run, q, t) {
    const s = new Scope(q);
    const found = await run(
      `SELECT ifNull(team, '(none)') AS team, sum(total_tokens) AS tokens, sum(cost_usd) AS cost, count() AS requests
       FROM ${t} ${s.where(`kind = 'llm.call'`)}
       GROUP BY team ORDER BY cost DESC NULLS LAST, tokens DESC NULLS LAST, team LIMIT ${s.top()}`,
      s.params,
    );
    return { team_usage: rows.teamUsage(found) };
  },
};

/** `t` is the qualified events table (`db.events`). */
export async function runChOverview(run: ChRunner, q: OverviewQuery, t: string): Promise<OverviewData> {
  const out: OverviewData = { from: q.from, to: q.to, bucket_seconds: q.bucketSeconds };
  // Panels are independent reads: ClickHouse runs them side by side.
  const parts = await Promise.all((q.panels ?? OVERVIEW_PANELS).map((p) => PANELS[p](run, q, t)));
  for (const p of parts) Object.assign(out, p);
  return out;
}
