import type {
  ModelPerformance,
  OverviewData,
  OverviewPanel,
  OverviewQuery,
  Point,
} from '../dashboard-types.js';
import { OVERVIEW_PANELS } from '../dashboard-types.js';
import { dense, errorRateSeries } from '../duckdb/overview.js';
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

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const optN = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const optS = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const iso = (ms: unknown) => new Date(Number(ms)).toISOString();

async function countSeries(run: ChRunner, q: OverviewQuery, t: string, predicate: string): Promise<Point[]> {
  const s = new Scope(q);
  const b = s.bucket();
  return dense(
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
    const rows = await run(
      `SELECT caller, sum(total_tokens) AS tokens, count() AS requests FROM ${t}
       ${s.where(`kind = 'llm.call' AND caller IS NOT NULL`)}
       GROUP BY caller ORDER BY tokens DESC NULLS LAST, caller LIMIT ${s.top()}`,
      s.params,
    );
    return {
      tokens_by_identity: rows.map((r) => ({
        caller: String(r.caller),
        tokens: n(r.tokens),
        requests: n(r.requests),
      })),
    };
  },
  async callers(run, q, t) {
    const s = new Scope(q);
    const from = s.time(q.from);
    const to = s.time(q.to);
    const tenant = q.tenant ? `AND tenant = ${s.str(q.tenant)}` : '';
    const rows = await run(
      `SELECT count() AS uniq, countIf(first_ts >= ${from}) AS fresh
       FROM (SELECT caller, min(ts) AS first_ts, max(ts) AS last_ts FROM ${t}
             WHERE ts < ${to} AND caller IS NOT NULL ${tenant} GROUP BY caller)
       WHERE last_ts >= ${from}`,
      s.params,
    );
    return { callers: { unique: n(rows[0]?.uniq), new: n(rows[0]?.fresh) } };
  },
  async error_rate_by_model(run, q, t) {
    const s = new Scope(q);
    const b = s.bucket();
    const rows = await run(
      `SELECT assumeNotNull(model) AS model, ${b} AS b, count() AS total, countIf(status = 'error') AS errors
       FROM ${t} ${s.where(`kind = 'llm.call' AND model IS NOT NULL`)} GROUP BY model, b`,
      s.params,
    );
    return { error_rate_by_model: errorRateSeries(q, rows) };
  },
  async cost_burn_rate(run, q, t) {
    const s = new Scope(q);
    const b = s.bucket();
    const lastHour = s.time(new Date(Date.parse(q.to) - 3_600_000).toISOString());
    const rows = await run(
      `SELECT ${b} AS b, sum(cost_usd) AS v, sumIf(cost_usd, ts >= ${lastHour}) AS last_hour
       FROM ${t} ${s.where(`cost_usd IS NOT NULL`)} GROUP BY b`,
      s.params,
    );
    const perHour = 3600 / q.bucketSeconds;
    return {
      cost_burn_rate: {
        usd_per_hour: rows.reduce((a, r) => a + n(r.last_hour), 0),
        total_usd: rows.reduce((a, r) => a + n(r.v), 0),
        points: dense(q, rows, (r) => n(r.v) * perHour),
      },
    };
  },
  async suspicious_prompts(run, q, t) {
    const s = new Scope(q);
    const families = q.suspiciousFamilies.map((f) => `position(categories, ${s.str(`|${f}.`)}) > 0`);
    if (families.length === 0) return { suspicious_prompts: [] };
    const rows = await run(
      `SELECT id, toUnixTimestamp64Milli(ts) AS ms, caller, model, risk_score, categories, guardrail_action,
              has_content, trace_id
       FROM ${t} ${s.where(`(${families.join(' OR ')})`)} ORDER BY ts DESC, id DESC LIMIT ${s.top()}`,
      s.params,
    );
    return {
      suspicious_prompts: rows.map((r) => ({
        id: String(r.id),
        ts: iso(r.ms),
        caller: optS(r.caller),
        model: optS(r.model),
        risk_score: n(r.risk_score),
        categories: String(r.categories).split('|').filter(Boolean),
        guardrail_action: optS(r.guardrail_action),
        has_content: Boolean(r.has_content),
        trace_id: optS(r.trace_id),
      })),
    };
  },
  async changes(run, q, t) {
    const s = new Scope(q);
    const rows = await run(
      `SELECT id, toUnixTimestamp64Milli(ts) AS ms, kind, caller, deployment, status, details
       FROM ${t} ${s.where(`kind IN ('control', 'prompt.change') AND source <> 'sightline'`)} ORDER BY ts DESC, id DESC LIMIT ${s.top()}`,
      s.params,
    );
    return {
      changes: rows.map((r) => ({
        id: String(r.id),
        ts: iso(r.ms),
        kind: String(r.kind),
        caller: optS(r.caller),
        deployment: optS(r.deployment),
        status: String(r.status),
        details: r.details ? (JSON.parse(String(r.details)) as Record<string, unknown>) : {},
      })),
    };
  },
  async model_performance(run, q, t) {
    const s = new Scope(q);
    const minutes = Math.max(1 / 60, (Date.parse(q.to) - Date.parse(q.from)) / 60_000);
    const rows = await run(
      `SELECT assumeNotNull(model) AS m, count() AS requests, avg(latency_ms) AS lat_avg,
              quantile(0.95)(latency_ms) AS lat_p95, countIf(status = 'ok') AS ok, countIf(status = 'error') AS errors
       FROM ${t} ${s.where(`kind = 'llm.call' AND model IS NOT NULL`)}
       GROUP BY m ORDER BY requests DESC, m LIMIT ${s.top()}`,
      s.params,
    );
    const out: ModelPerformance[] = rows.map((r) => ({
      model: String(r.m),
      requests: n(r.requests),
      throughput_rpm: n(r.requests) / minutes,
      latency_avg_ms: optN(r.lat_avg),
      latency_p95_ms: optN(r.lat_p95),
      completion_rate: n(r.requests) ? n(r.ok) / n(r.requests) : 0,
      error_rate: n(r.requests) ? n(r.errors) / n(r.requests) : 0,
    }));
    return { model_performance: out };
  },
  async team_usage(run, q, t) {
    const s = new Scope(q);
    const rows = await run(
      `SELECT ifNull(team, '(none)') AS t, sum(total_tokens) AS tokens, sum(cost_usd) AS cost, count() AS requests
       FROM ${t} ${s.where(`kind = 'llm.call'`)}
       GROUP BY t ORDER BY cost DESC NULLS LAST, tokens DESC NULLS LAST, t LIMIT ${s.top()}`,
      s.params,
    );
    return {
      team_usage: rows.map((r) => ({
        team: String(r.t),
        tokens: n(r.tokens),
        cost_usd: n(r.cost),
        requests: n(r.requests),
      })),
    };
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
