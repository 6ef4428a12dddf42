import { DETAIL_KEYS, type SightlineEvent } from '../../events/schema.js';

/** Columns of `events` in table order; the appender writes them in exactly this order. */
export const EVENT_COLUMNS = [
  'id',
  'ts',
  'kind',
  'tenant',
  'trace_id',
  'span_id',
  'parent_span_id',
  'session_id',
  'caller',
  'team',
  'auth_method',
  'source_ip',
  'user_agent',
  'source',
  'provider',
  'model',
  'deployment',
  'region',
  'status',
  'error_code',
  'latency_ms',
  'operation',
  'input_tokens',
  'output_tokens',
  'total_tokens',
  'cost_usd',
  'ttft_ms',
  'guardrail_action',
  'risk_score',
  'categories',
  'findings',
  'input_hash',
  'output_hash',
  'input_stats',
  'output_stats',
  'details',
  'attributes',
  'has_content',
  'ingested_at',
] as const;

/** `|cat.a|cat.b|`: a flag column set at ingest, so category filters never scan JSON. */
export function categoriesColumn(e: SightlineEvent): string {
  if (e.findings.length === 0) return '';
  return `|${[...new Set(e.findings.map((f) => f.category))].join('|')}|`;
}

export function guardrailActionOf(e: SightlineEvent): string | undefined {
  return e.llm?.guardrail_action ?? e.guardrail?.action;
}

export function detailsOf(e: SightlineEvent): unknown {
  return e[DETAIL_KEYS[e.kind]];
}

type Row = Record<string, unknown>;

const num = (v: unknown): number | undefined =>
  v === null || v === undefined ? undefined : typeof v === 'bigint' ? Number(v) : (v as number);
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const json = (v: unknown): unknown =>
  v === null || v === undefined || v === '' ? undefined : JSON.parse(String(v));

/** Rebuilds the metadata event from a row selected with `SELECT_EVENT`. */
export function rowToEvent(r: Row): SightlineEvent {
  const e: Record<string, unknown> = {
    id: r.id,
    ts: r.ts_iso,
    kind: r.kind,
    tenant: r.tenant,
    source: r.source,
    status: r.status,
    risk_score: num(r.risk_score) ?? 0,
    findings: json(r.findings) ?? [],
    has_content: Boolean(r.has_content),
    ingested_at: r.ingested_iso,
  };
  for (const k of [
    'trace_id',
    'span_id',
    'parent_span_id',
    'session_id',
    'caller',
    'team',
    'auth_method',
    'source_ip',
    'user_agent',
    'provider',
    'model',
    'deployment',
    'region',
    'error_code',
    'input_hash',
    'output_hash',
  ]) {
    const v = str(r[k]);
    if (v !== undefined) e[k] = v;
  }
  const latency = num(r.latency_ms);
  if (latency !== undefined) e.latency_ms = latency;
  for (const k of ['input_stats', 'output_stats', 'attributes']) {
    const v = json(r[k]);
    if (v !== undefined) e[k] = v;
  }
  const details = json(r.details);
  if (details !== undefined) e[DETAIL_KEYS[r.kind as SightlineEvent['kind']]] = details;
  return e as unknown as SightlineEvent;
}

export const ISO = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
export const SELECT_EVENT = `SELECT *, ${ISO('ts')} AS ts_iso, ${ISO('ingested_at')} AS ingested_iso FROM events`;
