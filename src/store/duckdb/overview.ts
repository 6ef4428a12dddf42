import type {
  ChangeEvent,
  ModelPerformance,
  ModelSeries,
  OverviewData,
  OverviewPanel,
  OverviewQuery,
  Point,
  SuspiciousPrompt,
} from '../dashboard-types.js';
import { OVERVIEW_PANELS } from '../dashboard-types.js';
import { micros } from './where.js';

export type SqlRunner = (sql: string, params: (string | number)[]) => Promise<Record<string, unknown>[]>;
type Row = Record<string, unknown>;

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

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const optN = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const optS = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

function bucketCount(q: OverviewQuery): number {
  return Math.max(1, Math.ceil((Date.parse(q.to) - Date.parse(q.from)) / (q.bucketSeconds * 1000)));
}

/** Dense series: every bucket present, missing ones zero, so charts need no gap logic. */
export function dense(q: OverviewQuery, rows: Row[], value: (r: Row) => number = (r) => n(r.v)): Point[] {
  const start = Date.parse(q.from);
  const byBucket = new Map(rows.map((r) => [n(r.b), value(r)]));
  return Array.from({ length: bucketCount(q) }, (_, i) => ({
    t: new Date(start + i * q.bucketSeconds * 1000).toISOString(),
    v: byBucket.get(i) ?? 0,
  }));
}

/** Top-N models by requests from (model, b, total, errors) rows, each a dense error-rate series. */
export function errorRateSeries(q: OverviewQuery, rows: Row[]): ModelSeries[] {
  const byModel = new Map<string, { total: number; rows: Row[] }>();
  for (const r of rows) {
    const m = byModel.get(String(r.model)) ?? { total: 0, rows: [] };
    m.total += n(r.total);
    m.rows.push(r);
    byModel.set(String(r.model), m);
  }
  return [...byModel.entries()]
    .sort(([a, x], [b2, y]) => y.total - x.total || a.localeCompare(b2))
    .slice(0, q.topN)
    .sort(([a], [b2]) => a.localeCompare(b2))
    .map(([model, m]) => ({
      model,
      points: dense(q, m.rows, (r) => (n(r.total) ? n(r.errors) / n(r.total) : 0)),
    }));
}

type PanelRunner = (run: SqlRunner, q: OverviewQuery) => Promise<Partial<OverviewData>>;

async function countSeries(run: SqlRunner, q: OverviewQuery, predicate: string): Promise<Point[]> {
  const s = new Scope(q);
  const b = s.bucket();
  const rows = await run(
    `SELECT ${b} AS b, count(*) AS v FROM events ${s.where(predicate)} GROUP BY 1`,
    s.params,
  );
  return dense(q, rows);
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
    const rows = await run(
      `SELECT caller, sum(total_tokens) AS tokens, count(*) AS requests FROM events
       ${s.where(`kind = 'llm.call' AND caller IS NOT NULL`)}
       GROUP BY caller ORDER BY tokens DESC NULLS LAST, caller LIMIT ${s.p(q.topN)}`,
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

  async callers(run, q) {
    // "New" means first seen (ever) inside the range: the credential-compromise signal.
    const s = new Scope(q);
    const from = s.p(micros(q.from));
    const to = s.p(micros(q.to));
    const tenant = q.tenant ? `AND tenant = ${s.p(q.tenant)}` : '';
    const rows = await run(
      `SELECT count(*) AS uniq, count(*) FILTER (WHERE first_ts >= make_timestamp(${from}::BIGINT)) AS fresh
       FROM (SELECT caller, min(ts) AS first_ts, max(ts) AS last_ts FROM events
             WHERE ts < make_timestamp(${to}::BIGINT) AND caller IS NOT NULL ${tenant} GROUP BY caller) c
       WHERE last_ts >= make_timestamp(${from}::BIGINT)`,
      s.params,
    );
    return { callers: { unique: n(rows[0]?.uniq), new: n(rows[0]?.fresh) } };
  },

  async error_rate_by_model(run, q) {
    // One scan over every model (few of them), top-N picked here: half the work of a CTE + rescan.
    const s = new Scope(q);
    const b = s.bucket();
    const rows = await run(
      `SELECT model, ${b} AS b, count(*) AS total, count(*) FILTER (WHERE status = 'error') AS errors
       FROM events ${s.where(`kind = 'llm.call' AND model IS NOT NULL`)} GROUP BY ALL`,
      s.params,
    );
    const series = errorRateSeries(q, rows);
    return { error_rate_by_model: series };
  },

  async cost_burn_rate(run, q) {
    const s = new Scope(q);
    const b = s.bucket();
    const lastHour = s.p(micros(q.to) - 3600e6);
    const rows = await run(
      `SELECT ${b} AS b, sum(cost_usd) AS v,
              sum(cost_usd) FILTER (WHERE ts >= make_timestamp(${lastHour}::BIGINT)) AS last_hour
       FROM events ${s.where(`cost_usd IS NOT NULL`)} GROUP BY 1`,
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

  async suspicious_prompts(run, q) {
    const s = new Scope(q);
    const families = q.suspiciousFamilies.map((f) => `contains(categories, ${s.p(`|${f}.`)})`);
    if (families.length === 0) return { suspicious_prompts: [] };
    const rows = await run(
      `SELECT id, strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS ts_iso, caller, model, risk_score, categories,
              guardrail_action, has_content, trace_id
       FROM events ${s.where(`(${families.join(' OR ')})`)}
       ORDER BY ts DESC, id DESC LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    const out: SuspiciousPrompt[] = rows.map((r) => ({
      id: String(r.id),
      ts: String(r.ts_iso),
      caller: optS(r.caller),
      model: optS(r.model),
      risk_score: n(r.risk_score),
      categories: String(r.categories).split('|').filter(Boolean),
      guardrail_action: optS(r.guardrail_action),
      has_content: Boolean(r.has_content),
      trace_id: optS(r.trace_id),
    }));
    return { suspicious_prompts: out };
  },

  // Sightline's own response actions (enforcement changes) are shown with their alerts, not here:
  // this panel is the monitored services' deployment and configuration changes.
  async changes(run, q) {
    const s = new Scope(q);
    const rows = await run(
      `SELECT id, strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS ts_iso, kind, caller, deployment, status, details
       FROM events ${s.where(`kind IN ('control', 'prompt.change') AND source <> 'sightline'`)}
       ORDER BY ts DESC, id DESC LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    const out: ChangeEvent[] = rows.map((r) => ({
      id: String(r.id),
      ts: String(r.ts_iso),
      kind: String(r.kind),
      caller: optS(r.caller),
      deployment: optS(r.deployment),
      status: String(r.status),
      details: r.details ? (JSON.parse(String(r.details)) as Record<string, unknown>) : {},
    }));
    return { changes: out };
  },

  async model_performance(run, q) {
    const s = new Scope(q);
    // p95 from a per-model reservoir sample: exact quantiles sort every latency in the range.
    const minutes = Math.max(1 / 60, (Date.parse(q.to) - Date.parse(q.from)) / 60_000);
    const rows = await run(
      `SELECT model, count(*) AS requests, avg(latency_ms) AS lat_avg,
              reservoir_quantile(latency_ms, 0.95) AS lat_p95,
              count(*) FILTER (WHERE status = 'ok') AS ok, count(*) FILTER (WHERE status = 'error') AS errors
       FROM events ${s.where(`kind = 'llm.call' AND model IS NOT NULL`)}
       GROUP BY model ORDER BY requests DESC, model LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    const out: ModelPerformance[] = rows.map((r) => ({
      model: String(r.model),
      requests: n(r.requests),
      throughput_rpm: n(r.requests) / minutes,
      latency_avg_ms: optN(r.lat_avg),
      latency_p95_ms: optN(r.lat_p95),
      completion_rate: n(r.requests) ? n(r.ok) / n(r.requests) : 0,
      error_rate: n(r.requests) ? n(r.errors) / n(r.requests) : 0,
    }));
    return { model_performance: out };
  },

  async team_usage(run, q) {
    const s = new Scope(q);
    const rows = await run(
      `SELECT coalesce(team, '(none)') AS team, sum(total_tokens) AS tokens, sum(cost_usd) AS cost, count(*) AS requests
       FROM events ${s.where(`kind = 'llm.call'`)}
       GROUP BY 1 ORDER BY cost DESC NULLS LAST, tokens DESC NULLS LAST, team LIMIT ${s.p(q.topN)}`,
      s.params,
    );
    return {
      team_usage: rows.map((r) => ({
        team: String(r.team),
        tokens: n(r.tokens),
        cost_usd: n(r.cost),
        requests: n(r.requests),
      })),
    };
  },
};

export async function runOverview(run: SqlRunner, q: OverviewQuery): Promise<OverviewData> {
  const out: OverviewData = { from: q.from, to: q.to, bucket_seconds: q.bucketSeconds };
  // Sequential: the reader connection runs one statement at a time and DuckDB parallelises each.
  for (const panel of q.panels ?? OVERVIEW_PANELS) Object.assign(out, await PANEL_RUNNERS[panel](run, q));
  return out;
}
