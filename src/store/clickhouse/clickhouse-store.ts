import { createHash } from 'node:crypto';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { SealedContent } from '../../crypto/seal.js';
import type { SightlineEvent } from '../../events/schema.js';
import { encodeCursor } from '../cursor.js';
import type { AlertQuery, AlertRecord, DeliveryRecord } from '../alert-types.js';
import type { OverviewData, OverviewQuery, UserRecord } from '../dashboard-types.js';
import { categoriesColumn, detailsOf, guardrailActionOf, rowToEvent } from '../duckdb/row.js';
import {
  type AuditRow,
  type DeleteRequest,
  type EventPage,
  type EventQuery,
  type LeaseGrant,
  type Store,
  type StoredRecord,
  type TailPage,
  type TailQuery,
} from '../types.js';
import { acquireChLease, releaseChLease } from './lease-sql.js';
import { ChAlerts } from './alerts.js';
import { ChUsers } from './users.js';
import { tailChEvents } from './tail.js';
import { chTime, isoOf } from './time.js';
import { CH_MIGRATIONS } from './migrations.js';
import { runChOverview } from './overview.js';
import { Binder, buildWhere, type Params } from './where.js';

export interface ClickHouseStoreOptions {
  /** HTTP(S) endpoint, e.g. http://clickhouse:8123. Ignored when `client` is given. */
  url?: string;
  database: string;
  user?: string;
  password?: string;
  /** A ready client (tests pass one over chDB's in-process engine); the store does not close it. */
  client?: ClickHouseClient;
  /** Attempts per insert batch; retries reuse the batch's deduplication token. */
  insertAttempts?: number;
  /** Wait between a lease claim and its read-back; must exceed the worst insert-visibility lag. */
  leaseSettleMs?: number;
}

type Row = Record<string, unknown>;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * ClickHouse engine over `@clickhouse/client` (HTTP). Everything user-supplied is a bound
 * `{name:Type}` parameter; table names are fixed and the database name is checked as an identifier.
 * Content arrives already sealed by Sightline (AES-GCM) and is stored as base64 of the sealed bytes.
 */
export class ClickHouseStore implements Store {
  readonly engine = 'clickhouse';
  private client?: ClickHouseClient;
  private starting?: Promise<void>;
  private readonly db: string;
  private readonly alerts = new ChAlerts({
    insert: (table, values) => this.ch().insert({ table: this.t(table), format: 'JSONEachRow', values }),
    rows: (q, p) => this.rows(q, p),
    table: (t) => this.t(t),
  });
  private readonly users = new ChUsers({
    exec: (q, p) => this.exec(q, p),
    rows: (q, p) => this.rows(q, p),
    table: (t) => this.t(t),
  });
  private stateSeq = 0;

  constructor(private readonly opts: ClickHouseStoreOptions) {
    if (!IDENT.test(opts.database))
      throw new Error(`store.database: not a plain identifier: ${opts.database.slice(0, 70)}`);
    this.db = opts.database;
  }

  private t(table: string): string {
    return `${this.db}.${table}`;
  }

  start(): Promise<void> {
    this.starting ??= this.open().catch((e: unknown) => {
      this.starting = undefined;
      throw e;
    });
    return this.starting;
  }

  private async open(): Promise<void> {
    this.client =
      this.opts.client ??
      createClient({
        url: this.opts.url ?? 'http://localhost:8123',
        username: this.opts.user ?? 'default',
        password: this.opts.password ?? '',
        request_timeout: 60_000,
      });
    await this.migrate();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (c && !this.opts.client) await c.close();
  }

  private ch(): ClickHouseClient {
    if (!this.client) throw new Error('store is not started');
    return this.client;
  }

  private async migrate(): Promise<void> {
    await this.exec(`CREATE DATABASE IF NOT EXISTS ${this.db}`);
    await this.exec(
      `CREATE TABLE IF NOT EXISTS ${this.t('schema_migrations')} (version UInt32, name String, applied_at DateTime DEFAULT now())
       ENGINE = ReplacingMergeTree ORDER BY version`,
    );
    const done = new Set(
      (await this.rows(`SELECT version FROM ${this.t('schema_migrations')}`)).map((r) => Number(r.version)),
    );
    for (const m of CH_MIGRATIONS) {
      if (done.has(m.version)) continue;
      try {
        // ClickHouse DDL is not transactional; every statement is IF NOT EXISTS so a rerun after a
        // crash mid-migration completes it.
        for (const sql of m.sql) await this.exec(sql.replaceAll('{db}', this.db));
        await this.exec(
          `INSERT INTO ${this.t('schema_migrations')} (version, name) VALUES ({v:UInt32}, {n:String})`,
          {
            v: m.version,
            n: m.name,
          },
        );
      } catch (e) {
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
    }
  }

  private async exec(query: string, params: Params = {}): Promise<void> {
    await this.ch().command({ query, query_params: params });
  }

  /** Read access for panels and tests; parameters are named `{p:Type}`. */
  async rows(query: string, params: Params = {}): Promise<Row[]> {
    const r = await this.ch().query({ query, query_params: params, format: 'JSONEachRow' });
    return r.json<Row>();
  }

  /**
   * One batch, retried with backoff. The token is derived from the batch's ids, so a retry after
   * a timeout whose first attempt did land is dropped by ClickHouse instead of duplicating rows.
   */
  private async insert(table: string, values: Row[], ids: readonly string[]): Promise<void> {
    const token = createHash('sha256').update(table).update('\0').update(ids.join('\0')).digest('hex');
    const attempts = this.opts.insertAttempts ?? 4;
    for (let i = 1; ; i++) {
      try {
        await this.ch().insert({
          table: this.t(table),
          values,
          format: 'JSONEachRow',
          clickhouse_settings: { insert_deduplication_token: token },
        });
        return;
      } catch (e) {
        if (i >= attempts) throw e;
        await sleep(100 * 2 ** i);
      }
    }
  }

  async append(records: readonly StoredRecord[]): Promise<void> {
    if (records.length === 0) return;
    const sealed = records.filter((r) => r.sealed);
    // Content first: events are what existingIds() reports, so a batch whose events landed has its
    // content too, and a replayed batch re-sends both (deduplicated by token).
    if (sealed.length) {
      await this.insert(
        'event_content',
        sealed.map((r) => ({
          id: r.event.id,
          ts: chTime(r.event.ts),
          tenant: r.event.tenant,
          key_id: r.sealed!.keyId,
          sealed: r.sealed!.blob.toString('base64'),
        })),
        sealed.map((r) => r.event.id),
      );
    }
    await this.insert(
      'events',
      records.map((r) => eventRow(r.event)),
      records.map((r) => r.event.id),
    );
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await this.rows(
        `SELECT DISTINCT id FROM ${this.t('events')} WHERE id IN {ids:Array(String)}`,
        {
          ids: ids.slice(i, i + 1000),
        },
      );
      for (const r of rows) out.add(String(r.id));
    }
    return out;
  }

  async queryEvents(q: EventQuery): Promise<EventPage> {
    const where = buildWhere(q);
    const dir = q.order === 'asc' ? 'ASC' : 'DESC';
    const limit = Math.max(1, Math.min(Math.trunc(q.limit), 10_000));
    const rows = await this.rows(
      `SELECT *, toUnixTimestamp64Milli(ts) AS ts_ms, toUnixTimestamp64Milli(ingested_at) AS ing_ms
       FROM ${this.t('events')} ${where.sql} ORDER BY ts ${dir}, id ${dir} LIMIT ${limit + 1}`,
      where.params,
    );
    const events = rows
      .slice(0, limit)
      .map((r) => rowToEvent({ ...r, ts_iso: isoOf(r.ts_ms), ingested_iso: isoOf(r.ing_ms) }));
    const last = events[events.length - 1];
    return { events, next_cursor: rows.length > limit && last ? encodeCursor(last.ts, last.id) : undefined };
  }

  tailEvents(q: TailQuery): Promise<TailPage> {
    return tailChEvents((sql, p) => this.rows(sql, p), this.t('events'), q);
  }

  async countEvents(q: Omit<EventQuery, 'limit' | 'cursor' | 'order'> = {}): Promise<number> {
    const where = buildWhere(q);
    const rows = await this.rows(`SELECT count() AS n FROM ${this.t('events')} ${where.sql}`, where.params);
    return Number(rows[0]?.n ?? 0);
  }

  async getSealedContent(ids: readonly string[]): Promise<Map<string, SealedContent>> {
    const out = new Map<string, SealedContent>();
    if (ids.length === 0) return out;
    const rows = await this.rows(
      `SELECT id, any(key_id) AS key_id, any(sealed) AS sealed FROM ${this.t('event_content')}
       WHERE id IN {ids:Array(String)} GROUP BY id`,
      { ids: [...ids] },
    );
    for (const r of rows)
      out.set(String(r.id), { keyId: String(r.key_id), blob: Buffer.from(String(r.sealed), 'base64') });
    return out;
  }

  /**
   * Retention. Whole days before the cut-off are dropped as partitions (instant, no rewrite); the
   * partial day, and any tenant- or kind-scoped request, use a lightweight DELETE.
   */
  async deleteEvents(req: DeleteRequest): Promise<number> {
    const table = req.tier === 'content' ? 'event_content' : 'events';
    const b = new Binder();
    const parts = [`ts < ${b.time(req.before)}`];
    if (req.tenant) parts.push(`tenant = ${b.str(req.tenant)}`);
    if (req.exceptTenants?.length) parts.push(`tenant NOT IN ${b.bind(req.exceptTenants, 'Array(String)')}`);
    if (req.kinds?.length) {
      const k = b.bind(req.kinds, 'Array(String)');
      parts.push(
        req.tier === 'content'
          ? `id IN (SELECT id FROM ${this.t('events')} WHERE kind IN ${k})`
          : `kind IN ${k}`,
      );
    }
    const where = `WHERE ${parts.join(' AND ')}`;
    const n = Number(
      (await this.rows(`SELECT count() AS n FROM ${this.t(table)} ${where}`, b.params))[0]?.n ?? 0,
    );
    if (n === 0 || req.dryRun) return n;
    if (!req.tenant && !req.kinds?.length && !req.exceptTenants?.length) {
      const day = new Date(req.before).toISOString().slice(0, 10).replaceAll('-', '');
      const expired = await this.rows(
        `SELECT DISTINCT partition_id FROM system.parts
         WHERE database = {db:String} AND table = {t:String} AND active AND partition_id < {day:String}`,
        { db: this.db, t: table, day },
      );
      for (const r of expired) {
        const id = String(r.partition_id);
        // Our own partition ids (toYYYYMMDD); checked anyway, since DDL cannot take parameters.
        if (/^\d{8}$/.test(id)) await this.exec(`ALTER TABLE ${this.t(table)} DROP PARTITION ID '${id}'`);
      }
    }
    if (
      Number((await this.rows(`SELECT count() AS n FROM ${this.t(table)} ${where}`, b.params))[0]?.n ?? 0) > 0
    ) {
      await this.exec(`DELETE FROM ${this.t(table)} ${where}`, b.params);
    }
    return n;
  }

  async appendAudit(row: AuditRow): Promise<void> {
    await this.ch().insert({
      table: this.t('audit_log'),
      values: [{ ...row, ts: chTime(row.ts) }],
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: `audit-${row.seq}-${row.hash}` },
    });
  }

  async listAudit(opts: { afterSeq?: number; limit?: number } = {}): Promise<AuditRow[]> {
    const rows = await this.rows(
      `SELECT seq, toUnixTimestamp64Milli(ts) AS ms, actor, action, target, details, prev_hash, hash
       FROM ${this.t('audit_log')} FINAL WHERE seq > {after:Int64} ORDER BY seq LIMIT {lim:UInt64}`,
      { after: opts.afterSeq ?? -1, lim: opts.limit ?? 1_000_000 },
    );
    return rows.map((x) => ({
      seq: Number(x.seq),
      ts: isoOf(x.ms),
      actor: String(x.actor),
      action: String(x.action),
      target: String(x.target),
      details: String(x.details),
      prev_hash: String(x.prev_hash),
      hash: String(x.hash),
    }));
  }

  async getState(key: string): Promise<string | undefined> {
    const rows = await this.rows(
      `SELECT argMax(value, version) AS value FROM ${this.t('state')} WHERE key = {k:String} GROUP BY key`,
      { k: key },
    );
    return rows[0] ? String(rows[0].value) : undefined;
  }

  async setState(key: string, value: string): Promise<void> {
    // Microsecond clock plus a counter: later writes from this node always win; across nodes the
    // newest clock wins (state keys are written by the one scheduler holding the lease).
    const version = BigInt(Date.now()) * 1000n + BigInt(this.stateSeq++ % 1000);
    await this.exec(
      `INSERT INTO ${this.t('state')} (key, value, version) VALUES ({k:String}, {v:String}, {ver:UInt64})`,
      { k: key, v: value, ver: version.toString() },
    );
  }

  tryAcquireLease(name: string, holder: string, ttlMs: number): Promise<LeaseGrant> {
    return acquireChLease(
      (sql, p) => this.rows(sql, p),
      (sql, p) => this.exec(sql, p),
      this.t('leases'),
      {
        name,
        holder,
        ttlMs,
        settleMs: this.opts.leaseSettleMs ?? 500,
      },
    );
  }
  releaseLease(name: string, holder: string): Promise<void> {
    return releaseChLease(
      (sql, p) => this.rows(sql, p),
      (sql, p) => this.exec(sql, p),
      this.t('leases'),
      name,
      holder,
    );
  }

  overview(q: OverviewQuery): Promise<OverviewData> {
    return runChOverview((sql, p) => this.rows(sql, p), q, this.t('events'));
  }

  createUser(u: UserRecord): Promise<void> {
    return this.users.create(u);
  }

  getUser(name: string): Promise<UserRecord | undefined> {
    return this.users.get(name);
  }

  listUsers(): Promise<UserRecord[]> {
    return this.users.list();
  }

  async saveAlert(alert: AlertRecord): Promise<void> {
    await this.alerts.save([alert]);
  }

  saveAlerts(alerts: readonly AlertRecord[]): Promise<void> {
    return this.alerts.save(alerts);
  }

  getAlert(id: string): Promise<AlertRecord | undefined> {
    return this.alerts.get(id);
  }

  listAlerts(q: AlertQuery): Promise<AlertRecord[]> {
    return this.alerts.list(q);
  }

  saveDelivery(d: DeliveryRecord): Promise<void> {
    return this.alerts.saveDelivery(d);
  }

  listDeliveries(q: {
    status?: DeliveryRecord['status'];
    alert_id?: string;
    limit: number;
  }): Promise<DeliveryRecord[]> {
    return this.alerts.listDeliveries(q);
  }
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

function eventRow(e: SightlineEvent): Row {
  return {
    id: e.id,
    ts: chTime(e.ts),
    kind: e.kind,
    tenant: e.tenant,
    trace_id: e.trace_id ?? null,
    span_id: e.span_id ?? null,
    parent_span_id: e.parent_span_id ?? null,
    session_id: e.session_id ?? null,
    caller: e.caller ?? null,
    team: e.team ?? null,
    auth_method: e.auth_method ?? null,
    source_ip: e.source_ip ?? null,
    user_agent: e.user_agent ?? null,
    source: e.source,
    provider: e.provider ?? null,
    model: e.model ?? null,
    deployment: e.deployment ?? null,
    region: e.region ?? null,
    status: e.status,
    error_code: e.error_code ?? null,
    latency_ms: e.latency_ms ?? null,
    operation: e.llm?.operation ?? null,
    input_tokens: e.llm?.input_tokens ?? null,
    output_tokens: e.llm?.output_tokens ?? null,
    total_tokens: e.llm?.total_tokens ?? null,
    cost_usd: e.llm?.cost_usd ?? null,
    ttft_ms: e.llm?.ttft_ms ?? null,
    guardrail_action: guardrailActionOf(e) ?? null,
    risk_score: e.risk_score,
    categories: categoriesColumn(e),
    findings: JSON.stringify(e.findings),
    input_hash: e.input_hash ?? null,
    output_hash: e.output_hash ?? null,
    input_stats: json(e.input_stats),
    output_stats: json(e.output_stats),
    details: json(detailsOf(e)),
    attributes: json(e.attributes),
    has_content: e.has_content,
    ingested_at: chTime(e.ingested_at),
  };
}
