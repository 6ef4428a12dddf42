import type { AuditTrail } from '../audit/audit-trail.js';
import type { Rule } from '../rules/schema.js';
import type { Hit } from '../rules/types.js';
import type { AlertRecord, AlertStatus, Store } from '../store/types.js';
import type { Logger } from '../util/logger.js';
import { alertFromHit, dedupeKey, mergeHit } from './from-hit.js';

export type AlertChange = { type: 'alert' | 'update'; alert: AlertRecord };

const TRANSITIONS: Record<AlertStatus, readonly AlertStatus[]> = {
  open: ['acknowledged', 'resolved', 'suppressed'],
  acknowledged: ['resolved', 'suppressed'],
  suppressed: ['resolved', 'open'],
  resolved: [],
};
const ACTIVE: AlertStatus[] = ['open', 'acknowledged', 'suppressed'];
/** Active alerts read in one listing. */
const ACTIVE_LISTING = 10_000;
/** One active alert per tenant and dedupe key. */
const keyOf = (a: { tenant: string; dedupe_key: string }) => `${a.tenant}\u0000${a.dedupe_key}`;
const MAX_PENDING = 50_000;

export class TransitionError extends Error {}

/** How often a grouped alert's new state is shown to live views, and written to the store. */
const UPDATE_EVERY_MS = 1000;
const GROUPED_WRITE_MS = 5000;

/**
 * Turns rule firings into alerts: one active alert per rule and entity (later firings are grouped
 * into it), lifecycle open → acknowledged → resolved/suppressed, every analyst change audited.
 * Firings are queued and written in order off the ingest path; a full queue drops and counts.
 */
export class AlertManager {
  private readonly active = new Map<string, AlertRecord>();
  private readonly listeners = new Set<(c: AlertChange) => void>();
  private chain: Promise<void> = Promise.resolve();
  /**
   * Store writes of grouped state run on their own chain: a firing must not wait for the previous
   * batch to reach the store (which queues behind event appends) before it is shown.
   */
  private writes: Promise<void> = Promise.resolve();
  private pending = 0;
  /** Grouped firings update memory at once and the store at most every `GROUPED_WRITE_MS`. */
  private readonly dirty = new Map<string, AlertRecord>();
  private flushTimer?: NodeJS.Timeout;
  private flushDue = 0;
  private readonly pendingUpdates = new Map<string, AlertRecord>();
  private updateTimer?: NodeJS.Timeout;
  /** Shared mode: alerts created here and not written yet; the latest unwritten firing per alert. */
  private readonly unsaved = new Set<string>();
  private readonly pendingHit = new Map<string, Hit>();
  readonly stats = { created: 0, grouped: 0, dropped: 0 };

  constructor(
    private readonly deps: {
      store: Store;
      audit: AuditTrail;
      log: Logger;
      /** Side effects of a new alert (response actions, notifications); returns the updated alert. */
      onNew?: (alert: AlertRecord, rule: Rule) => Promise<AlertRecord | void>;
      /**
       * Several nodes share the store (rules over the store, one leader). Firings may be delivered
       * again after a leadership change: one already grouped into its alert (same evidence, not
       * newer) is dropped. Analysts change alerts through any node: before each write the stored
       * status and comments are taken over, and firings grouped into an alert closed elsewhere
       * open a new one.
       */
      shared?: boolean;
    },
  ) {}

  async start(): Promise<void> {
    for (const a of await this.listActive()) this.active.set(keyOf(a), a);
  }

  /** The stored active alerts, up to one listing's worth. */
  private listActive(): Promise<AlertRecord[]> {
    return this.deps.store.listAlerts({ status: ACTIVE, limit: ACTIVE_LISTING });
  }

  /** Re-reads the active alerts, which another node may have written (rules leadership moved). */
  async reload(): Promise<void> {
    await this.idle();
    this.active.clear();
    await this.start();
  }

  /**
   * Shared mode, on a node that is not the rules leader: the leader writes the alerts, so this node
   * learns of them from the store. Keeps the active map current (an analyst's action here starts
   * from the stored state) and tells this node's live views what is new or has changed.
   */
  async syncFromStore(): Promise<void> {
    await this.idle();
    const stored = await this.listActive();
    const seen = new Set<string>();
    for (const a of stored) {
      const key = keyOf(a);
      seen.add(key);
      const had = this.active.get(key);
      this.active.set(key, a);
      if (!had || had.id !== a.id) this.emit({ type: 'alert', alert: a });
      else if (had.updated_at !== a.updated_at || had.count !== a.count || had.status !== a.status)
        this.emit({ type: 'update', alert: a });
    }
    // Closed on another node: no longer active here either (a full listing proves nothing).
    if (stored.length < ACTIVE_LISTING)
      for (const key of [...this.active.keys()]) if (!seen.has(key)) this.active.delete(key);
  }

  subscribe(fn: (c: AlertChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  enqueue(hits: readonly Hit[]): void {
    for (const hit of hits) {
      if (this.pending >= MAX_PENDING) {
        this.stats.dropped++;
        continue;
      }
      this.pending++;
      this.chain = this.chain
        .then(() => this.apply(hit))
        .catch((e: unknown) => this.deps.log.error('alert write failed', { error: (e as Error).name }))
        .finally(() => this.pending--);
    }
  }

  /** Resolves once every queued firing is written. */
  async idle(): Promise<void> {
    await this.chain;
    await this.flushSoon();
  }

  /** Writes what is dirty where it belongs: shared mode on the firing chain, otherwise beside it. */
  private flushSoon(): Promise<void> {
    if (!this.deps.shared) return this.flush();
    const run = this.chain.then(() => this.flushShared());
    // A failed write is logged; it must not stop the firings queued behind it.
    this.chain = run.catch((e: unknown) =>
      this.deps.log.error('alert write failed', { error: (e as Error).name }),
    );
    return run;
  }

  /**
   * Writes what is dirty now, after any earlier write (so a newer state never lands first). In
   * shared mode only from the firing chain (`flushSoon`, or inside a chained change).
   */
  private flush(): Promise<void> {
    if (this.deps.shared) return this.flushShared();
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    if (!batch.length) return this.writes;
    const run = this.writes.then(() => this.deps.store.saveAlerts(batch));
    this.writes = run.catch((e: unknown) =>
      this.deps.log.error('alert write failed', { error: (e as Error).name }),
    );
    return run;
  }

  /**
   * Shared mode: reconciling with the store changes alerts in memory and may open new ones, so it
   * runs on the firing chain, never beside a firing.
   */
  private async flushShared(): Promise<void> {
    if (this.dirty.size) await this.reconcile();
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    this.pendingHit.clear();
    for (const a of batch) this.unsaved.delete(a.id);
    if (batch.length) await this.deps.store.saveAlerts(batch);
  }

  /** Shared mode: the store holds analysts' changes made through other nodes (see `shared`). */
  private async reconcile(): Promise<void> {
    const listed = await this.listActive();
    const stored = new Map(listed.map((a) => [a.id, a]));
    const reopen: Hit[] = [];
    for (const [id, a] of this.dirty) {
      const key = keyOf(a);
      let s = stored.get(id);
      // More active alerts than one listing holds: absent from it is not proof of being closed.
      if (!s && listed.length >= ACTIVE_LISTING && !this.unsaved.has(id)) {
        const one = await this.deps.store.getAlert(id);
        if (one && ACTIVE.includes(one.status)) s = one;
      }
      if (s) {
        const next = { ...a, status: s.status, comments: s.comments };
        this.dirty.set(id, next);
        if (this.active.get(key)?.id === id) this.active.set(key, next);
      } else if (!this.unsaved.has(id)) {
        this.dirty.delete(id);
        if (this.active.get(key)?.id === id) this.active.delete(key);
        const hit = this.pendingHit.get(id);
        if (hit) reopen.push(hit);
      }
    }
    for (const hit of reopen) await this.apply(hit);
  }

  async stop(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    await this.idle();
  }

  private async apply(hit: Hit): Promise<void> {
    const key = keyOf({ tenant: hit.tenant, dedupe_key: dedupeKey(hit) });
    const current = this.active.get(key);
    if (current) {
      if (this.deps.shared && isRedelivered(current, hit)) return;
      const merged = mergeHit(current, hit);
      this.active.set(key, merged);
      if (this.deps.shared) this.pendingHit.set(merged.id, hit);
      this.stats.grouped++;
      // Readers of the list flush first (`idle`), so the store can lag a busy alert's count.
      this.markDirty(merged, GROUPED_WRITE_MS);
      this.showSoon(merged);
      return;
    }
    let alert = alertFromHit(hit);
    this.active.set(key, alert);
    if (this.deps.shared) this.unsaved.add(alert.id);
    this.stats.created++;
    // Response actions first: a block must reach the gateway before anything else.
    const updated = await this.deps.onNew?.(alert, hit.rule);
    if (updated) {
      alert = updated;
      this.active.set(key, alert);
    }
    // Shown at once; written with the next batch (within 250 ms), so a burst of new alerts costs
    // one pass over the store instead of a write per alert ahead of the next firing.
    this.markDirty(alert, 250);
    this.emit({ type: 'alert', alert });
  }

  private markDirty(a: AlertRecord, withinMs: number): void {
    this.dirty.set(a.id, a);
    if (this.flushTimer && this.flushDue <= Date.now() + withinMs) return;
    clearTimeout(this.flushTimer);
    this.flushDue = Date.now() + withinMs;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flushSoon().catch(() => undefined);
    }, withinMs);
  }

  async get(id: string, tenant?: string): Promise<AlertRecord | undefined> {
    await this.idle();
    const a = await this.deps.store.getAlert(id);
    return a && (tenant === undefined || a.tenant === tenant) ? a : undefined;
  }

  async transition(
    id: string,
    to: AlertStatus,
    actor: string,
    tenant?: string,
  ): Promise<AlertRecord | undefined> {
    return this.change(id, tenant, actor, `alert.${to}`, (a) => {
      if (!TRANSITIONS[a.status].includes(to))
        throw new TransitionError(`cannot go from ${a.status} to ${to}`);
      return { ...a, status: to };
    });
  }

  async comment(id: string, text: string, actor: string, tenant?: string): Promise<AlertRecord | undefined> {
    return this.change(id, tenant, actor, 'alert.comment', (a) => ({
      ...a,
      comments: [...a.comments, { author: actor, text, ts: new Date().toISOString() }].slice(-500),
    }));
  }

  private async change(
    id: string,
    tenant: string | undefined,
    actor: string,
    action: string,
    fn: (a: AlertRecord) => AlertRecord,
  ): Promise<AlertRecord | undefined> {
    let result: AlertRecord | undefined;
    let error: unknown;
    // Through the same chain as firings, so a grouped firing cannot overwrite an analyst's change.
    this.chain = this.chain.then(async () => {
      try {
        await this.flush();
        const a = await this.get0(id, tenant);
        if (!a) return;
        const next = { ...fn(a), updated_at: new Date().toISOString() };
        const key = keyOf(next);
        if (ACTIVE.includes(next.status)) this.active.set(key, next);
        else if (this.active.get(key)?.id === next.id) this.active.delete(key);
        await this.deps.store.saveAlert(next);
        await this.deps.audit.record({
          actor,
          action,
          target: id,
          details: { status: next.status, rule_id: next.rule_id },
        });
        this.emit({ type: 'update', alert: next });
        result = next;
      } catch (e) {
        error = e;
      }
    });
    await this.chain;
    if (error) throw error;
    return result;
  }

  private async get0(id: string, tenant?: string) {
    const a = await this.deps.store.getAlert(id);
    return a && (tenant === undefined || a.tenant === tenant) ? a : undefined;
  }

  /**
   * A busy alert (a per-event rule firing for every call of an entity) changes thousands of times
   * a second; live views get its latest state at most once per `UPDATE_EVERY_MS`.
   */
  private showSoon(a: AlertRecord): void {
    this.pendingUpdates.set(a.id, a);
    this.updateTimer ??= setTimeout(() => {
      this.updateTimer = undefined;
      const batch = [...this.pendingUpdates.values()];
      this.pendingUpdates.clear();
      for (const alert of batch) this.emit({ type: 'update', alert });
    }, UPDATE_EVERY_MS);
  }

  private emit(c: AlertChange): void {
    // An older grouped state must not follow a newer change (an analyst's, say) onto the stream.
    if (c.type === 'update') this.pendingUpdates.delete(c.alert.id);
    for (const l of this.listeners) {
      try {
        l(c);
      } catch {
        /* a broken stream must not stop alerting */
      }
    }
  }
}

function isRedelivered(a: AlertRecord, hit: Hit): boolean {
  if (hit.ts > Date.parse(a.last_seen)) return false;
  const evidence = new Set(a.evidence);
  return hit.event_ids.every((id) => evidence.has(id));
}
