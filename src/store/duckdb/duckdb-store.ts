import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DuckDBAppender,
  DuckDBConnection,
  DuckDBInstance,
  DuckDBTimestampValue,
  listValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SealedContent } from '../../crypto/seal.js';
import { encodeCursor } from '../cursor.js';
import type {
  AuditRow,
  DeleteRequest,
  EventPage,
  EventQuery,
  LeaseGrant,
  Store,
  StoredRecord,
  TailPage,
  TailQuery,
} from '../types.js';
import type { OverviewData, OverviewQuery, UserRecord } from '../dashboard-types.js';
import type { AlertQuery, AlertRecord, DeliveryRecord } from '../alert-types.js';
import { MIGRATIONS } from './migrations.js';
import { tailDuckEvents } from './tail.js';
import { runOverview } from './overview.js';
import { selectAlerts, selectDeliveries, upsertAlert, upsertAlerts, upsertDelivery } from './alerts.js';
import { insertUser, selectUser, selectUsers } from './users.js';
import { categoriesColumn, detailsOf, guardrailActionOf, ISO, rowToEvent, SELECT_EVENT } from './row.js';
import { buildWhere, micros } from './where.js';

export interface DuckDbStoreOptions {
  /** Database file, or ':memory:' for tests that do not need durability. */
  path: string;
}

/** Rows per synchronous appender flush: a few milliseconds of event-loop time at most. */
const APPEND_SLICE = 256;

function ts(iso: string): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(micros(iso)));
}

/**
 * Embedded default store. One writer connection (DuckDB serialises writes anyway) fed through a
 * promise queue, and a separate reader connection so dashboards do not wait behind appends.
 */
export class DuckDbStore implements Store {
  readonly engine = 'duckdb';
  private instance?: DuckDBInstance;
  private writer?: DuckDBConnection;
  private reader?: DuckDBConnection;
  private queue: Promise<unknown> = Promise.resolve();
  private starting?: Promise<void>;

  constructor(private readonly opts: DuckDbStoreOptions) {}

  start(): Promise<void> {
    this.starting ??= this.open();
    return this.starting;
  }

  private async open(): Promise<void> {
    if (this.opts.path !== ':memory:') mkdirSync(dirname(this.opts.path), { recursive: true });
    this.instance = await DuckDBInstance.create(this.opts.path);
    this.writer = await this.instance.connect();
    this.reader = await this.instance.connect();
    await this.migrate();
  }

  async stop(): Promise<void> {
    if (!this.instance) return;
    await this.queue.catch(() => undefined);
    const { writer, reader, instance } = this;
    this.writer = this.reader = this.instance = undefined;
    this.starting = undefined;
    writer?.closeSync();
    reader?.closeSync();
    instance?.closeSync();
  }

  private async migrate(): Promise<void> {
    const w = this.conn('w');
    await w.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
    );
    const done = new Set(
      (await w.runAndReadAll('SELECT version FROM schema_migrations'))
        .getRowObjects()
        .map((r) => Number(r.version)),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await w.run('BEGIN TRANSACTION');
      try {
        await w.run(m.sql);
        await w.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [m.version, m.name]);
        await w.run('COMMIT');
      } catch (e) {
        await w.run('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
    }
  }

  private conn(which: 'w' | 'r'): DuckDBConnection {
    const c = which === 'w' ? this.writer : this.reader;
    if (!c) throw new Error('store is not started');
    return c;
  }

  /** Serialises writes: DuckDB appenders and transactions on one connection must not interleave. */
  private write<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => fn(this.conn('w')));
    this.queue = run.catch(() => undefined);
    return run;
  }

  append(records: readonly StoredRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.write(async (c) => {
      await c.run('BEGIN TRANSACTION');
      try {
        const ev = await c.createAppender('events');
        for (let i = 0; i < records.length; i++) {
          appendEvent(ev, records[i]!);
          // The appender's flush is synchronous: written in slices, with the event loop free
          // between them, a large batch never holds proxied calls or alert delivery for long.
          if ((i + 1) % APPEND_SLICE === 0 && i + 1 < records.length) {
            ev.flushSync();
            await new Promise((r) => setImmediate(r));
          }
        }
        ev.closeSync();
        const sealed = records.filter((r) => r.sealed);
        if (sealed.length) {
          const ct = await c.createAppender('event_content');
          for (const r of sealed) {
            ct.appendVarchar(r.event.id);
            ct.appendTimestamp(ts(r.event.ts));
            ct.appendVarchar(r.event.tenant);
            ct.appendVarchar(r.sealed!.keyId);
            ct.appendBlob(r.sealed!.blob);
            ct.endRow();
          }
          ct.closeSync();
        }
        await c.run('COMMIT');
      } catch (e) {
        await c.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      // A hash join on the unnested list: `list_contains` per row cost ~1.5 s per 1,000 ids against
      // 1 M stored events (every row compared with every id), the IN-subquery ~15 ms.
      const r = await this.conn('r').runAndReadAll('SELECT id FROM events WHERE id IN (SELECT unnest($1))', [
        listOf(chunk),
      ]);
      for (const row of r.getRowObjects()) out.add(String(row.id));
    }
    return out;
  }

  async queryEvents(q: EventQuery): Promise<EventPage> {
    const where = buildWhere(q);
    const dir = q.order === 'asc' ? 'ASC' : 'DESC';
    const limit = Math.max(1, Math.min(q.limit, 10_000));
    const sql = `${SELECT_EVENT} ${where.sql} ORDER BY ts ${dir}, id ${dir} LIMIT ${limit + 1}`;
    const rows = (await this.conn('r').runAndReadAll(sql, where.params)).getRowObjects();
    const events = rows.slice(0, limit).map((r) => rowToEvent(r));
    const last = events[events.length - 1];
    return { events, next_cursor: rows.length > limit && last ? encodeCursor(last.ts, last.id) : undefined };
  }

  tailEvents(q: TailQuery): Promise<TailPage> {
    return tailDuckEvents(this.conn('r'), q);
  }

  async countEvents(q: Omit<EventQuery, 'limit' | 'cursor' | 'order'> = {}): Promise<number> {
    const where = buildWhere(q);
    const r = await this.conn('r').runAndReadAll(
      `SELECT count(*) AS n FROM events ${where.sql}`,
      where.params,
    );
    return Number(r.getRowObjects()[0]!.n);
  }

  async getSealedContent(ids: readonly string[]): Promise<Map<string, SealedContent>> {
    const out = new Map<string, SealedContent>();
    if (ids.length === 0) return out;
    const r = await this.conn('r').runAndReadAll(
      'SELECT id, key_id, sealed FROM event_content WHERE list_contains($1, id)',
      [listOf(ids)],
    );
    for (const row of r.getRows()) {
      const blob = row[2] as { bytes: Uint8Array };
      out.set(String(row[0]), { keyId: String(row[1]), blob: Buffer.from(blob.bytes) });
    }
    return out;
  }

  deleteEvents(req: DeleteRequest): Promise<number> {
    const table = req.tier === 'content' ? 'event_content' : 'events';
    const params: DuckDBValue[] = [micros(req.before)];
    let sql = `WHERE ts < make_timestamp($1::BIGINT)`;
    if (req.tenant) {
      params.push(req.tenant);
      sql += ` AND tenant = $${params.length}`;
    }
    if (req.exceptTenants?.length) {
      params.push(listOf(req.exceptTenants));
      sql += ` AND NOT list_contains($${params.length}, tenant)`;
    }
    if (req.kinds?.length) {
      params.push(listOf(req.kinds));
      sql +=
        req.tier === 'content'
          ? ` AND id IN (SELECT id FROM events WHERE list_contains($${params.length}, kind))`
          : ` AND list_contains($${params.length}, kind)`;
    }
    if (req.dryRun) {
      return this.write(async (c) => {
        const r = await c.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${table} ${sql}`, params);
        return Number(r.getRowObjects()[0]!.n);
      });
    }
    return this.write(async (c) => Number((await c.run(`DELETE FROM ${table} ${sql}`, params)).rowsChanged));
  }

  appendAudit(row: AuditRow): Promise<void> {
    return this.write(async (c) => {
      await c.run('INSERT INTO audit_log VALUES ($1, make_timestamp($2::BIGINT), $3, $4, $5, $6, $7, $8)', [
        row.seq,
        micros(row.ts),
        row.actor,
        row.action,
        row.target,
        row.details,
        row.prev_hash,
        row.hash,
      ]);
    });
  }

  async listAudit(opts: { afterSeq?: number; limit?: number } = {}): Promise<AuditRow[]> {
    const r = await this.conn('r').runAndReadAll(
      `SELECT seq, ${ISO('ts')} AS ts, actor, action, target, details, prev_hash, hash FROM audit_log
       WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [opts.afterSeq ?? -1, opts.limit ?? 1_000_000],
    );
    return r.getRowObjects().map((x) => ({
      seq: Number(x.seq),
      ts: String(x.ts),
      actor: String(x.actor),
      action: String(x.action),
      target: String(x.target),
      details: String(x.details),
      prev_hash: String(x.prev_hash),
      hash: String(x.hash),
    }));
  }

  async getState(key: string): Promise<string | undefined> {
    const r = await this.conn('r').runAndReadAll('SELECT value FROM state WHERE key = $1', [key]);
    const row = r.getRowObjects()[0];
    return row ? String(row.value) : undefined;
  }

  setState(key: string, value: string): Promise<void> {
    return this.write(async (c) => {
      await c.run(
        'INSERT INTO state VALUES ($1, $2, now()) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()',
        [key, value],
      );
    });
  }

  /** One process owns a DuckDB file, so the write queue alone makes this compare-and-set atomic. */
  tryAcquireLease(name: string, holder: string, ttlMs: number): Promise<LeaseGrant> {
    return this.write(async (c) => {
      const key = `lease:${name}`;
      const r = await c.runAndReadAll('SELECT value FROM state WHERE key = $1', [key]);
      const row = r.getRowObjects()[0];
      const cur = row ? (JSON.parse(String(row.value)) as { holder: string; expires: number }) : undefined;
      const now = Date.now();
      if (cur && cur.holder !== holder && cur.expires > now) {
        return { held: false, holder: cur.holder, expires_at: new Date(cur.expires).toISOString() };
      }
      const value = JSON.stringify({ holder, expires: now + ttlMs });
      await c.run(
        'INSERT INTO state VALUES ($1, $2, now()) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()',
        [key, value],
      );
      return { held: true, holder, expires_at: new Date(now + ttlMs).toISOString() };
    });
  }
  releaseLease(name: string, holder: string): Promise<void> {
    return this.write(async (c) => {
      const key = `lease:${name}`;
      const r = await c.runAndReadAll('SELECT value FROM state WHERE key = $1', [key]);
      const row = r.getRowObjects()[0];
      const cur = row ? (JSON.parse(String(row.value)) as { holder: string }) : undefined;
      if (cur?.holder === holder) await c.run('DELETE FROM state WHERE key = $1', [key]);
    });
  }

  overview(q: OverviewQuery): Promise<OverviewData> {
    return runOverview((sql, params) => this.sql(sql, params), q);
  }

  createUser(user: UserRecord): Promise<void> {
    return this.write((c) =>
      insertUser(async (sql, params) => {
        await c.run(sql, params);
        return [];
      }, user),
    );
  }

  getUser(name: string): Promise<UserRecord | undefined> {
    return selectUser((sql, params) => this.sql(sql, params), name);
  }

  listUsers(): Promise<UserRecord[]> {
    return selectUsers((sql, params) => this.sql(sql, params));
  }

  saveAlert(alert: AlertRecord): Promise<void> {
    return this.write((c) => upsertAlert(this.runner(c), alert));
  }

  saveAlerts(alerts: readonly AlertRecord[]): Promise<void> {
    // One queued write for the batch, as multi-row statements that each commit on their own (an
    // explicit transaction around ON CONFLICT updates hid its own inserts from later scans).
    return this.write((c) => upsertAlerts(this.runner(c), alerts));
  }

  async getAlert(id: string): Promise<AlertRecord | undefined> {
    return (await selectAlerts((sql, params) => this.sql(sql, params), { id, limit: 1 }))[0];
  }

  listAlerts(q: AlertQuery): Promise<AlertRecord[]> {
    return selectAlerts((sql, params) => this.sql(sql, params), q);
  }

  saveDelivery(d: DeliveryRecord): Promise<void> {
    return this.write((c) => upsertDelivery(this.runner(c), d));
  }

  listDeliveries(q: {
    status?: DeliveryRecord['status'];
    alert_id?: string;
    limit: number;
  }): Promise<DeliveryRecord[]> {
    return selectDeliveries((sql, params) => this.sql(sql, params), q);
  }

  private runner(c: DuckDBConnection) {
    return async (sql: string, params: (string | number)[]) => {
      await c.run(sql, params);
      return [];
    };
  }

  /** Engine-specific read access for aggregate panels; parameters are positional ($1…). */
  async sql(query: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    const rows = (await this.conn('r').runAndReadAll(query, params)).getRowObjects();
    return rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) o[k] = typeof v === 'bigint' ? Number(v) : v;
      return o;
    });
  }
}

function listOf(values: readonly string[]): DuckDBValue {
  // One list parameter keeps the statement's parameter count bounded whatever the batch size.
  return listValue(values);
}

function optVarchar(a: DuckDBAppender, v: string | undefined): void {
  if (v === undefined) a.appendNull();
  else a.appendVarchar(v);
}

function optDouble(a: DuckDBAppender, v: number | undefined): void {
  if (v === undefined) a.appendNull();
  else a.appendDouble(v);
}

function optBigInt(a: DuckDBAppender, v: number | undefined): void {
  if (v === undefined) a.appendNull();
  else a.appendBigInt(BigInt(Math.trunc(v)));
}

function optJson(a: DuckDBAppender, v: unknown): void {
  if (v === undefined) a.appendNull();
  else a.appendVarchar(JSON.stringify(v));
}

/** Column order must match migration 1 (see EVENT_COLUMNS). */
function appendEvent(a: DuckDBAppender, r: StoredRecord): void {
  const e = r.event;
  a.appendVarchar(e.id);
  a.appendTimestamp(ts(e.ts));
  a.appendVarchar(e.kind);
  a.appendVarchar(e.tenant);
  optVarchar(a, e.trace_id);
  optVarchar(a, e.span_id);
  optVarchar(a, e.parent_span_id);
  optVarchar(a, e.session_id);
  optVarchar(a, e.caller);
  optVarchar(a, e.team);
  optVarchar(a, e.auth_method);
  optVarchar(a, e.source_ip);
  optVarchar(a, e.user_agent);
  a.appendVarchar(e.source);
  optVarchar(a, e.provider);
  optVarchar(a, e.model);
  optVarchar(a, e.deployment);
  optVarchar(a, e.region);
  a.appendVarchar(e.status);
  optVarchar(a, e.error_code);
  optDouble(a, e.latency_ms);
  optVarchar(a, e.llm?.operation);
  optBigInt(a, e.llm?.input_tokens);
  optBigInt(a, e.llm?.output_tokens);
  optBigInt(a, e.llm?.total_tokens);
  optDouble(a, e.llm?.cost_usd);
  optDouble(a, e.llm?.ttft_ms);
  optVarchar(a, guardrailActionOf(e));
  a.appendDouble(e.risk_score);
  a.appendVarchar(categoriesColumn(e));
  a.appendVarchar(JSON.stringify(e.findings));
  optVarchar(a, e.input_hash);
  optVarchar(a, e.output_hash);
  optJson(a, e.input_stats);
  optJson(a, e.output_stats);
  optJson(a, detailsOf(e));
  optJson(a, e.attributes);
  a.appendBoolean(e.has_content);
  a.appendTimestamp(ts(e.ingested_at));
  a.endRow();
}
