import { randomUUID } from 'node:crypto';
import type { Store } from '../store/types.js';
import type { Logger } from '../util/logger.js';
import type { EnforcementEntry, EnforcementList, NewEnforcement } from './types.js';

const STATE_KEY = 'enforcement.entries';

interface Persisted {
  version: number;
  entries: EnforcementEntry[];
}

export interface StoreEnforcementListOptions {
  store: Store;
  log?: Logger;
  /**
   * How often to pick up changes other nodes wrote. The gateway must apply a change within a
   * second, so the default leaves room for the store round trip.
   */
  refreshMs?: number;
}

/**
 * The enforcement list kept in the store's key-value state, mirrored in memory so the gateway's
 * per-request lookups are map reads. Writes go to the store first, then the mirror; a poll picks
 * up writes from other nodes sharing the store.
 */
export class StoreEnforcementList implements EnforcementList {
  private readonly store: Store;
  private readonly log?: Logger;
  private readonly refreshMs: number;
  private version = 0;
  private entries: EnforcementEntry[] = [];
  private byIdentity = new Map<string, EnforcementEntry[]>();
  private byIp = new Map<string, EnforcementEntry[]>();
  private limits = new Map<string, EnforcementEntry[]>();
  private timer?: NodeJS.Timeout;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(opts: StoreEnforcementListOptions) {
    this.store = opts.store;
    this.log = opts.log;
    this.refreshMs = opts.refreshMs ?? 500;
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer ??= setInterval(() => {
      this.refresh().catch((e: unknown) =>
        this.log?.warn('enforcement list refresh failed', { error: e instanceof Error ? e.name : 'unknown' }),
      );
    }, this.refreshMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.writes.catch(() => undefined);
  }

  /** Called after every change, local or picked up from another node. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(now: Date = new Date()): EnforcementEntry[] {
    const t = now.toISOString();
    return this.entries.filter((e) => e.expires_at > t);
  }

  add(entry: NewEnforcement): Promise<EnforcementEntry> {
    const created: EnforcementEntry = { ...entry, id: randomUUID(), created_at: new Date().toISOString() };
    return this.mutate((entries) => [...entries, created]).then(() => created);
  }

  remove(id: string): Promise<boolean> {
    let found = false;
    return this.mutate((entries) => {
      found = entries.some((e) => e.id === id);
      return entries.filter((e) => e.id !== id);
    }).then(() => found);
  }

  blocking(
    caller: string | undefined,
    ip: string | undefined,
    now: Date = new Date(),
  ): EnforcementEntry | undefined {
    const t = now.toISOString();
    const active = (list: EnforcementEntry[] | undefined) => list?.find((e) => e.expires_at > t);
    return (
      (caller === undefined ? undefined : active(this.byIdentity.get(caller))) ??
      (ip === undefined ? undefined : active(this.byIp.get(ip)))
    );
  }

  rateLimitFor(caller: string | undefined, now: Date = new Date()): number | undefined {
    const list = caller === undefined ? undefined : this.limits.get(caller);
    if (!list) return undefined;
    const t = now.toISOString();
    let strictest: number | undefined;
    for (const e of list) {
      if (e.expires_at > t && e.limit_rpm !== undefined)
        strictest = Math.min(strictest ?? Infinity, e.limit_rpm);
    }
    return strictest;
  }

  /** Re-reads the store, so nodes that share it converge within `refreshMs`. */
  async refresh(): Promise<void> {
    const raw = await this.store.getState(STATE_KEY);
    const persisted = parse(raw);
    if (persisted.version !== this.version) this.apply(persisted);
  }

  // Serialised read-modify-write: concurrent API calls on one node cannot lose each other's entry.
  private mutate(change: (entries: EnforcementEntry[]) => EnforcementEntry[]): Promise<void> {
    const next = this.writes.then(async () => {
      const current = parse(await this.store.getState(STATE_KEY));
      const now = new Date().toISOString();
      const entries = change(current.entries).filter((e) => e.expires_at > now);
      const updated: Persisted = { version: current.version + 1, entries };
      await this.store.setState(STATE_KEY, JSON.stringify(updated));
      this.apply(updated);
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  private apply(p: Persisted): void {
    this.version = p.version;
    this.entries = p.entries;
    const byIdentity = new Map<string, EnforcementEntry[]>();
    const byIp = new Map<string, EnforcementEntry[]>();
    const limits = new Map<string, EnforcementEntry[]>();
    for (const e of p.entries) {
      const index = e.type === 'block_ip' ? byIp : e.type === 'block_identity' ? byIdentity : limits;
      const list = index.get(e.target);
      if (list) list.push(e);
      else index.set(e.target, [e]);
    }
    this.byIdentity = byIdentity;
    this.byIp = byIp;
    this.limits = limits;
    for (const l of this.listeners) l();
  }
}

function parse(raw: string | undefined): Persisted {
  if (!raw) return { version: 0, entries: [] };
  const p = JSON.parse(raw) as Partial<Persisted>;
  return {
    version: typeof p.version === 'number' ? p.version : 0,
    entries: Array.isArray(p.entries) ? p.entries : [],
  };
}
