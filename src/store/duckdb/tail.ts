import type { DuckDBConnection } from '@duckdb/node-api';
import type { TailPage, TailQuery } from '../types.js';
import { rowToEvent, SELECT_EVENT } from './row.js';

/**
 * DuckDB is one process per file, so the node's `ingested_at` is the store order: events reach the
 * single writer through the local spool within its flush interval, which the lag covers.
 */
export async function tailDuckEvents(
  c: DuckDBConnection,
  q: TailQuery,
  nowMs = Date.now(),
): Promise<TailPage> {
  const limit = Math.max(1, Math.min(Math.trunc(q.limit), 10_000));
  const params: (string | number)[] = [
    q.after.at_ms * 1000,
    q.after.id,
    (nowMs - Math.max(0, q.lagMs)) * 1000,
  ];
  let until = '';
  if (q.until) {
    params.push(q.until.at_ms * 1000, q.until.id);
    until = `AND (ingested_at < make_timestamp($4::BIGINT) OR (ingested_at = make_timestamp($4::BIGINT) AND id <= $5))`;
  }
  const rows = (
    await c.runAndReadAll(
      `${SELECT_EVENT}
       WHERE (ingested_at > make_timestamp($1::BIGINT) OR (ingested_at = make_timestamp($1::BIGINT) AND id > $2))
         AND ingested_at <= make_timestamp($3::BIGINT) ${until}
       ORDER BY ingested_at, id LIMIT ${limit}`,
      params,
    )
  ).getRowObjects();
  const events = rows.map((r) => rowToEvent(r));
  const end = events[events.length - 1];
  return { events, last: end ? { at_ms: Date.parse(end.ingested_at), id: end.id } : undefined };
}
