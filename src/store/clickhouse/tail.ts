import { rowToEvent } from '../duckdb/row.js';
import type { TailPage, TailQuery } from '../types.js';
import { isoOf } from './time.js';
import type { Params } from './where.js';

type Rows = (sql: string, p: Params) => Promise<Record<string, unknown>[]>;

/**
 * Events in `stored_at` (server insert time) order, then id: every row of one insert shares its
 * `now64(3)`, so the id breaks ties. The lag is measured on the server's clock, the same clock that
 * stamped the rows, so node clock skew does not matter.
 */
export async function tailChEvents(rows: Rows, table: string, q: TailQuery): Promise<TailPage> {
  const limit = Math.max(1, Math.min(Math.trunc(q.limit), 10_000));
  const params: Params = { lag: Math.max(0, Math.trunc(q.lagMs)), a: q.after.at_ms, aid: q.after.id };
  let until = '';
  if (q.until) {
    until = `AND (stored_at, id) <= (fromUnixTimestamp64Milli({u:Int64}, 'UTC'), {uid:String})`;
    params.u = q.until.at_ms;
    params.uid = q.until.id;
  }
  const got = await rows(
    `SELECT *, toUnixTimestamp64Milli(ts) AS ts_ms, toUnixTimestamp64Milli(ingested_at) AS ing_ms,
            toUnixTimestamp64Milli(stored_at) AS st_ms
     FROM ${table}
     WHERE stored_at <= now64(3) - toIntervalMillisecond({lag:Int64})
       AND (stored_at, id) > (fromUnixTimestamp64Milli({a:Int64}, 'UTC'), {aid:String}) ${until}
     ORDER BY stored_at, id LIMIT ${limit}`,
    params,
  );
  const events = got.map((r) => rowToEvent({ ...r, ts_iso: isoOf(r.ts_ms), ingested_iso: isoOf(r.ing_ms) }));
  const end = got[got.length - 1];
  return { events, last: end ? { at_ms: Number(end.st_ms), id: String(end.id) } : undefined };
}
