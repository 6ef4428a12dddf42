import type { SealedContent } from '../crypto/seal.js';
import type { EventKind, SightlineEvent } from '../events/schema.js';
import type { AlertQuery, AlertRecord, DeliveryRecord } from './alert-types.js';
import type { OverviewData, OverviewQuery, UserRecord } from './dashboard-types.js';

export type * from './dashboard-types.js';
export type * from './alert-types.js';

export interface StoredRecord {
  event: SightlineEvent;
  sealed?: SealedContent;
}

export interface EventQuery {
  tenant?: string;
  /** Inclusive lower bound, ISO-8601. */
  from?: string;
  /** Exclusive upper bound, ISO-8601. */
  to?: string;
  kinds?: EventKind[];
  caller?: string;
  model?: string;
  source_ip?: string;
  source?: string;
  status?: string;
  trace_id?: string;
  session_id?: string;
  min_risk?: number;
  /** Finding category or family prefix (`injection` matches `injection.override`). */
  category?: string;
  guardrail_action?: string;
  /** Case-insensitive substring over metadata fields (caller, model, IP, user agent, error, deployment). */
  text?: string;
  ids?: string[];
  limit: number;
  /** Opaque, from the previous page. */
  cursor?: string;
  order?: 'desc' | 'asc';
}

export interface EventPage {
  events: SightlineEvent[];
  next_cursor?: string;
}

/** A place in the order events became readable in the store (see `Store.tailEvents`). */
export interface TailPosition {
  /** Epoch ms of the event's store position (ClickHouse: server insert time). */
  at_ms: number;
  id: string;
}

export interface TailQuery {
  /** Strictly after this position. */
  after: TailPosition;
  /** At or before this position (replay up to a checkpoint). */
  until?: TailPosition;
  /** Only events stored at least this long ago: an insert still committing cannot be skipped. */
  lagMs: number;
  limit: number;
}

export interface TailPage {
  events: SightlineEvent[];
  /** Position of the last event returned; absent when there was none. */
  last?: TailPosition;
}

export type Tier = 'metadata' | 'content';

export interface DeleteRequest {
  tier: Tier;
  /** Records with `ts` strictly before this are deleted. */
  before: string;
  kinds?: EventKind[];
  tenant?: string;
  /** Leaves these tenants' records alone (they have their own retention). */
  exceptTenants?: string[];
  /** Counts what would be deleted without deleting it. */
  dryRun?: boolean;
}

export interface AuditRow {
  seq: number;
  ts: string;
  actor: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The one storage interface. Every engine passes `runStoreSuite`; nothing outside `src/store/`
 * knows which engine it talks to.
 */
export interface Store {
  readonly engine: string;
  /** Opens and migrates; safe to call twice. */
  start(): Promise<void>;
  /** Flushes and closes; safe to call twice. */
  stop(): Promise<void>;
  append(records: readonly StoredRecord[]): Promise<void>;
  /** Which of these event ids are already stored (for exactly-once spool replay). */
  existingIds(ids: readonly string[]): Promise<Set<string>>;
  queryEvents(q: EventQuery): Promise<EventPage>;
  /**
   * Every node's events in the order they became readable, for the one node running the rules
   * (docs/clickhouse.md). Positions are stable, so a checkpoint lets another node resume.
   */
  tailEvents(q: TailQuery): Promise<TailPage>;
  getSealedContent(ids: readonly string[]): Promise<Map<string, SealedContent>>;
  deleteEvents(req: DeleteRequest): Promise<number>;
  countEvents(q?: Omit<EventQuery, 'limit' | 'cursor' | 'order'>): Promise<number>;
  appendAudit(row: AuditRow): Promise<void>;
  listAudit(opts?: { afterSeq?: number; limit?: number }): Promise<AuditRow[]>;
  /** Small durable key-value state (checkpoints, leases, enforcement lists). */
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
  /** Dashboard panel aggregates over `[from, to)`; each engine must answer in well under a second. */
  overview(q: OverviewQuery): Promise<OverviewData>;
  /** Adds a dashboard user; rejects a name already taken (UserExistsError). */
  createUser(user: UserRecord): Promise<void>;
  getUser(name: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /**
   * Takes or renews the named lease for `holder` for `ttlMs` if it is free, expired or already
   * `holder`'s; otherwise reports who holds it. At most one holder at a time (see docs/clickhouse.md).
   */
  tryAcquireLease(name: string, holder: string, ttlMs: number): Promise<LeaseGrant>;
  /** Gives the named lease up if `holder` holds it (a graceful stop), so the next claim succeeds. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** Inserts or replaces an alert by id. */
  saveAlert(alert: AlertRecord): Promise<void>;
  /** Several at once, as one queued write. */
  saveAlerts(alerts: readonly AlertRecord[]): Promise<void>;
  getAlert(id: string): Promise<AlertRecord | undefined>;
  /** Newest first. */
  listAlerts(q: AlertQuery): Promise<AlertRecord[]>;
  /** Inserts or replaces a notification delivery by id. */
  saveDelivery(d: DeliveryRecord): Promise<void>;
  listDeliveries(q: {
    status?: DeliveryRecord['status'];
    alert_id?: string;
    limit: number;
  }): Promise<DeliveryRecord[]>;
}

export interface LeaseGrant {
  held: boolean;
  holder: string;
  expires_at: string;
}

export class UserExistsError extends Error {
  constructor(name: string) {
    super(`a user named ${name} already exists`);
    this.name = 'UserExistsError';
  }
}
