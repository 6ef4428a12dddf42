import { decodeCursor } from '../cursor.js';
import type { EventQuery } from '../types.js';

/** Epoch microseconds: avoids any dependence on the session time zone. */
export function micros(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a valid time: ${iso.slice(0, 40)}`);
  return ms * 1000;
}

/**
 * Builds the WHERE clause with positional parameters only: no user value is ever spliced into SQL.
 */
export function buildWhere(q: Omit<EventQuery, 'limit'>): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const p = (v: string | number) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.tenant) clauses.push(`tenant = ${p(q.tenant)}`);
  if (q.from) clauses.push(`ts >= make_timestamp(${p(micros(q.from))}::BIGINT)`);
  if (q.to) clauses.push(`ts < make_timestamp(${p(micros(q.to))}::BIGINT)`);
  if (q.kinds?.length) clauses.push(`kind IN (${q.kinds.map(p).join(', ')})`);
  if (q.caller) clauses.push(`caller = ${p(q.caller)}`);
  if (q.model) clauses.push(`model = ${p(q.model)}`);
  if (q.source_ip) clauses.push(`source_ip = ${p(q.source_ip)}`);
  if (q.source) clauses.push(`source = ${p(q.source)}`);
  if (q.status) clauses.push(`status = ${p(q.status)}`);
  if (q.trace_id) clauses.push(`trace_id = ${p(q.trace_id)}`);
  if (q.session_id) clauses.push(`session_id = ${p(q.session_id)}`);
  if (q.min_risk !== undefined) clauses.push(`risk_score >= ${p(q.min_risk)}`);
  if (q.guardrail_action) clauses.push(`guardrail_action = ${p(q.guardrail_action)}`);
  if (q.category) {
    // Exact category, or a family prefix: `|injection` matches `|injection.override|`.
    clauses.push(
      `(contains(categories, ${p(`|${q.category}|`)}) OR contains(categories, ${p(`|${q.category}.`)}))`,
    );
  }
  if (q.ids?.length) clauses.push(`id IN (${q.ids.map(p).join(', ')})`);
  if (q.text) {
    const t = p(q.text.toLowerCase());
    clauses.push(
      `(contains(lower(coalesce(caller, '')), ${t}) OR contains(lower(coalesce(model, '')), ${t}) OR ` +
        `contains(coalesce(source_ip, ''), ${t}) OR contains(lower(coalesce(user_agent, '')), ${t}) OR ` +
        `contains(lower(coalesce(error_code, '')), ${t}) OR contains(lower(coalesce(deployment, '')), ${t}))`,
    );
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const op = q.order === 'asc' ? '>' : '<';
    clauses.push(`(ts, id) ${op} (make_timestamp(${p(micros(c.ts))}::BIGINT), ${p(c.id)})`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
