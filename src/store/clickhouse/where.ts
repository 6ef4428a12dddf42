import { decodeCursor } from '../cursor.js';
import type { EventQuery } from '../types.js';

export type Params = Record<string, unknown>;

/** Collects named, typed ClickHouse parameters (`{p1:String}`): no user value is spliced into SQL. */
export class Binder {
  readonly params: Params = {};
  private n = 0;
  bind(value: unknown, type: string): string {
    const name = `p${++this.n}`;
    this.params[name] = value;
    return `{${name}:${type}}`;
  }
  str(v: string): string {
    return this.bind(v, 'String');
  }
  /** A DateTime64 from epoch milliseconds. */
  time(iso: string): string {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new RangeError(`not a valid time: ${iso.slice(0, 40)}`);
    return `fromUnixTimestamp64Milli(${this.bind(ms, 'Int64')}, 'UTC')`;
  }
}

export function buildWhere(q: Omit<EventQuery, 'limit'>, b = new Binder()): { sql: string; params: Params } {
  const c: string[] = [];
  if (q.tenant) c.push(`tenant = ${b.str(q.tenant)}`);
  if (q.from) c.push(`ts >= ${b.time(q.from)}`);
  if (q.to) c.push(`ts < ${b.time(q.to)}`);
  if (q.kinds?.length) c.push(`kind IN ${b.bind(q.kinds, 'Array(String)')}`);
  for (const k of ['caller', 'model', 'source_ip', 'source', 'status', 'trace_id', 'session_id'] as const) {
    const v = q[k];
    if (v) c.push(`${k} = ${b.str(v)}`);
  }
  if (q.min_risk !== undefined) c.push(`risk_score >= ${b.bind(q.min_risk, 'Float64')}`);
  if (q.guardrail_action) c.push(`guardrail_action = ${b.str(q.guardrail_action)}`);
  if (q.category) {
    c.push(
      `(position(categories, ${b.str(`|${q.category}|`)}) > 0 OR position(categories, ${b.str(`|${q.category}.`)}) > 0)`,
    );
  }
  if (q.ids?.length) c.push(`id IN ${b.bind(q.ids, 'Array(String)')}`);
  if (q.text) {
    const t = b.str(q.text.toLowerCase());
    c.push(
      `(${['caller', 'model', 'source_ip', 'user_agent', 'error_code', 'deployment']
        .map((col) => `positionCaseInsensitiveUTF8(ifNull(${col}, ''), ${t}) > 0`)
        .join(' OR ')})`,
    );
  }
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    const op = q.order === 'asc' ? '>' : '<';
    c.push(`(ts, id) ${op} (${b.time(cur.ts)}, ${b.str(cur.id)})`);
  }
  return { sql: c.length ? `WHERE ${c.join(' AND ')}` : '', params: b.params };
}
