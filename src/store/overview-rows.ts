/**
 * The engine-neutral half of the overview panels: each engine writes its panel SQL in its own
 * dialect, with the same column names, and these turn the rows into the panel shapes, so the two
 * engines cannot drift apart in what the dashboard shows.
 */
import type {
  ChangeEvent,
  ModelPerformance,
  ModelSeries,
  OverviewData,
  OverviewQuery,
  Point,
  SuspiciousPrompt,
} from './dashboard-types.js';

export type Row = Record<string, unknown>;

export const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const optN = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const optS = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
/** Rows carry times as epoch milliseconds (`ms`): both engines give the same ISO string then. */
const iso = (ms: unknown) => new Date(n(ms)).toISOString();

function bucketCount(q: OverviewQuery): number {
  return Math.max(1, Math.ceil((Date.parse(q.to) - Date.parse(q.from)) / (q.bucketSeconds * 1000)));
}

/** Dense series from (b, v) rows: every bucket present, missing ones zero, so charts need no gap logic. */
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

/** (caller, tokens, requests) rows. */
export function tokensByIdentity(rows: Row[]): OverviewData['tokens_by_identity'] {
  return rows.map((r) => ({ caller: String(r.caller), tokens: n(r.tokens), requests: n(r.requests) }));
}

/** One (uniq, fresh) row. */
export function callers(rows: Row[]): OverviewData['callers'] {
  return { unique: n(rows[0]?.uniq), new: n(rows[0]?.fresh) };
}

/** (b, v, last_hour) rows: cost per bucket and within the range's last hour. */
export function costBurnRate(q: OverviewQuery, rows: Row[]): OverviewData['cost_burn_rate'] {
  const perHour = 3600 / q.bucketSeconds;
  return {
    usd_per_hour: rows.reduce((a, r) => a + n(r.last_hour), 0),
    total_usd: rows.reduce((a, r) => a + n(r.v), 0),
    points: dense(q, rows, (r) => n(r.v) * perHour),
  };
}

/** (id, ms, caller, model, risk_score, categories, guardrail_action, has_content, trace_id) rows. */
export function suspiciousPrompts(rows: Row[]): SuspiciousPrompt[] {
  return rows.map((r) => ({
    id: String(r.id),
    ts: iso(r.ms),
    caller: optS(r.caller),
    model: optS(r.model),
    risk_score: n(r.risk_score),
    categories: String(r.categories).split('|').filter(Boolean),
    guardrail_action: optS(r.guardrail_action),
    has_content: Boolean(r.has_content),
    trace_id: optS(r.trace_id),
  }));
}

/** (id, ms, kind, caller, deployment, status, details) rows. */
export function changes(rows: Row[]): ChangeEvent[] {
  return rows.map((r) => ({
    id: String(r.id),
    ts: iso(r.ms),
    kind: String(r.kind),
    caller: optS(r.caller),
    deployment: optS(r.deployment),
    status: String(r.status),
    details: r.details ? (JSON.parse(String(r.details)) as Record<string, unknown>) : {},
  }));
}

/** (model, requests, lat_avg, lat_p95, ok, errors) rows over the query's range. */
export function modelPerformance(q: OverviewQuery, rows: Row[]): ModelPerformance[] {
  const minutes = Math.max(1 / 60, (Date.parse(q.to) - Date.parse(q.from)) / 60_000);
  return rows.map((r) => ({
    model: String(r.model),
    requests: n(r.requests),
    throughput_rpm: n(r.requests) / minutes,
    latency_avg_ms: optN(r.lat_avg),
    latency_p95_ms: optN(r.lat_p95),
    completion_rate: n(r.requests) ? n(r.ok) / n(r.requests) : 0,
    error_rate: n(r.requests) ? n(r.errors) / n(r.requests) : 0,
  }));
}

/** (team, tokens, cost, requests) rows. */
export function teamUsage(rows: Row[]): OverviewData['team_usage'] {
  return rows.map((r) => ({
    team: String(r.team),
    tokens: n(r.tokens),
    cost_usd: n(r.cost),
    requests: n(r.requests),
  }));
}
