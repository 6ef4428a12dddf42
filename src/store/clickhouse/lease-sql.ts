import type { LeaseGrant } from '../types.js';
import type { Params } from './where.js';

type Rows = (sql: string, p: Params) => Promise<Record<string, unknown>[]>;
type Exec = (sql: string, p: Params) => Promise<void>;

interface Claim {
  name: string;
  holder: string;
  ttlMs: number;
  settleMs: number;
}

interface Current {
  term: number;
  holder?: string;
  expiresMs: number;
  nowMs: number;
}

async function current(rows: Rows, table: string, name: string): Promise<Current> {
  // The holder of a term is its earliest claim (server clock, then holder name as tie-break).
  const r = await rows(
    `SELECT toUnixTimestamp64Milli(now64(3)) AS now_ms, w.term AS term, w.holder AS holder,
            (SELECT max(expires_ms) FROM ${table} WHERE name = {n:String} AND term = w.term AND holder = w.holder) AS exp
     FROM (SELECT term, argMin(holder, (claimed_at, holder)) AS holder FROM ${table}
           WHERE name = {n:String} GROUP BY term ORDER BY term DESC LIMIT 1) AS w`,
    { n: name },
  );
  if (!r[0]) {
    const now = await rows('SELECT toUnixTimestamp64Milli(now64(3)) AS now_ms', {});
    return { term: 0, expiresMs: 0, nowMs: Number(now[0]!.now_ms) };
  }
  return {
    term: Number(r[0].term),
    holder: String(r[0].holder),
    expiresMs: Number(r[0].exp),
    nowMs: Number(r[0].now_ms),
  };
}

async function insertClaim(exec: Exec, table: string, c: Claim, term: number): Promise<void> {
  await exec(
    `INSERT INTO ${table} (name, term, holder, expires_ms)
     SELECT {n:String}, {t:UInt64}, {h:String}, toUnixTimestamp64Milli(now64(3)) + {ttl:Int64}`,
    { n: c.name, t: term, h: c.holder, ttl: Math.trunc(c.ttlMs) },
  );
}

/**
 * Lease by claim rows, decided on the server's clock. ClickHouse has no compare-and-set, so:
 * a renewal is only made while more than the settle time is left (no other node may claim before
 * expiry, and the renewal is visible by then); a free or expired lease is claimed as the next
 * term, and after the settle time the earliest claim of that term wins. Safe while every insert is
 * visible to every reader within `settleMs` (one server; on a cluster, insert_quorum plus
 * select_sequential_consistency or a single-shard leases table). See docs/clickhouse.md.
 */
export async function acquireChLease(rows: Rows, exec: Exec, table: string, c: Claim): Promise<LeaseGrant> {
  const now = await current(rows, table, c.name);
  const live = now.holder !== undefined && now.expiresMs > now.nowMs;
  if (live && now.holder !== c.holder) {
    return { held: false, holder: now.holder!, expires_at: new Date(now.expiresMs).toISOString() };
  }
  if (live && now.expiresMs - now.nowMs > c.settleMs) {
    await insertClaim(exec, table, c, now.term);
    return { held: true, holder: c.holder, expires_at: new Date(now.nowMs + c.ttlMs).toISOString() };
  }
  await insertClaim(exec, table, c, now.term + 1);
  await new Promise((r) => setTimeout(r, c.settleMs));
  const after = await current(rows, table, c.name);
  return {
    held: after.holder === c.holder && after.expiresMs > after.nowMs,
    holder: after.holder ?? c.holder,
    expires_at: new Date(after.expiresMs).toISOString(),
  };
}

/**
 * A release opens the next term with an already expired claim under no holder: it is that term's
 * earliest claim, so it decides the term, and the next claimant starts a fresh one at once.
 */
export async function releaseChLease(
  rows: Rows,
  exec: Exec,
  table: string,
  name: string,
  holder: string,
): Promise<void> {
  const now = await current(rows, table, name);
  if (now.holder !== holder || now.expiresMs <= now.nowMs) return;
  await exec(`INSERT INTO ${table} (name, term, holder, expires_ms) VALUES ({n:String}, {t:UInt64}, '', 0)`, {
    n: name,
    t: now.term + 1,
  });
}
