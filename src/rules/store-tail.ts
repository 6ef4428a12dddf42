import { nodeHolderId, SchedulerLease } from '../cluster/lease.js';
import type { AlertManager } from '../alerts/manager.js';
import type { RulesConfig } from '../config/rules-schema.js';
import type { SightlineEvent } from '../events/schema.js';
import type { Notifier } from '../notify/notifier.js';
import type { Store, TailPosition } from '../store/types.js';
import type { Logger } from '../util/logger.js';
import { RecentIds } from '../pipeline/recent-ids.js';
import type { RuleEngine } from './engine.js';

export const TAIL_CHECKPOINT_KEY = 'rules.tail.checkpoint';
const PAGE = 5000;
/** Pages per poll: bounds how long `stop()` waits behind a leader that is catching up. */
const PAGES_PER_POLL = 20;
/** A follower re-reads the active alerts at most this often (one small query). */
const FOLLOW_MS = 1000;

export interface StoreTailDeps {
  store: Store;
  log: Logger;
  alerts: AlertManager;
  notifier: Notifier;
  config: RulesConfig;
  newEngine(): RuleEngine;
  /** Runs the engine over live events and queues the alerting hits. */
  process(engine: RuleEngine, events: readonly SightlineEvent[]): void;
  holder?: string;
}

/** A checkpoint is only ever written by this module; anything else is reported, not trusted. */
export function parseCheckpoint(raw: string | undefined): TailPosition | undefined {
  if (raw === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new Error(`${TAIL_CHECKPOINT_KEY}: not JSON`);
  }
  const p = v as Partial<TailPosition> | null;
  if (!p || typeof p.at_ms !== 'number' || !Number.isFinite(p.at_ms) || typeof p.id !== 'string')
    throw new Error(`${TAIL_CHECKPOINT_KEY}: expected {at_ms: number, id: string}`);
  return { at_ms: p.at_ms, id: p.id };
}

/**
 * Rules over every node's events: only the holder of the `rules` lease runs the engine, fed by
 * tailing the store in insert order. After each page its alerts are written, then the checkpoint
 * moves past it, so a new leader resumes from the checkpoint: a page processed but not checkpointed
 * is read again, and its firings fold into the alerts already written (AlertManager `shared`).
 * Windows are rebuilt on takeover by replaying the stored events before the checkpoint.
 */
export class StoreTail {
  private readonly lease: SchedulerLease;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private engine?: RuleEngine;
  private pos: TailPosition = { at_ms: 0, id: '' };
  private recent = new RecentIds(200_000);
  private stopped = false;
  private followedAt = 0;
  readonly stats = { takeovers: 0, processed: 0, replayed: 0, duplicates: 0 };

  constructor(private readonly deps: StoreTailDeps) {
    this.lease = new SchedulerLease(deps.store, {
      name: 'rules',
      holder: deps.holder ?? nodeHolderId(),
      ttlMs: deps.config.tail.lease_ttl_ms,
    });
  }

  get leading(): boolean {
    return this.engine !== undefined;
  }

  async start(): Promise<void> {
    await this.lease.start();
    this.timer = setInterval(() => void this.tick(), this.deps.config.tail.poll_ms);
    this.timer.unref();
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.lease.stop();
    if (this.engine) await this.stepDown();
    await this.lease.release();
  }

  tick(): Promise<void> {
    this.running ??= this.step()
      .catch((e: unknown) => this.deps.log.error('rules tail failed', { error: (e as Error).name }))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    if (!this.lease.isLeader()) {
      if (this.engine) await this.stepDown();
      // A follower learns of the leader's alerts from the store, for its own live views.
      if (Date.now() - this.followedAt >= FOLLOW_MS) {
        this.followedAt = Date.now();
        await this.deps.alerts.syncFromStore();
      }
      return;
    }
    const engine = this.engine ?? (await this.takeOver());
    const { store, alerts, config } = this.deps;
    for (let i = 0; i < PAGES_PER_POLL && !this.stopped; i++) {
      const page = await store.tailEvents({ after: this.pos, lagMs: config.tail.lag_ms, limit: PAGE });
      if (!page.last) return;
      const fresh = page.events.filter((e) => this.recent.addNew(e.id));
      this.stats.duplicates += page.events.length - fresh.length;
      this.deps.process(engine, fresh);
      await alerts.idle();
      // A node that lost the lease meanwhile leaves the checkpoint to the new leader.
      if (!this.lease.isLeader()) return;
      this.pos = page.last;
      await store.setState(TAIL_CHECKPOINT_KEY, JSON.stringify(this.pos));
      this.stats.processed += fresh.length;
      if (page.events.length < PAGE) return;
    }
  }

  private async takeOver(): Promise<RuleEngine> {
    const { store, alerts, config, log } = this.deps;
    let saved: TailPosition | undefined;
    try {
      saved = parseCheckpoint(await store.getState(TAIL_CHECKPOINT_KEY));
    } catch (e) {
      log.error('rules checkpoint unreadable; starting from now', { problem: (e as Error).message });
    }
    // The first leader ever starts at the present; earlier events only rebuild windows.
    this.pos = saved ?? { at_ms: Date.now() - config.tail.lag_ms, id: '' };
    this.recent = new RecentIds(200_000);
    await alerts.reload();
    const engine = this.deps.newEngine();
    const replayed = await this.replay(engine);
    this.engine = engine;
    this.stats.takeovers++;
    this.deps.notifier.start();
    log.info('rules leader: running', { resumed: saved !== undefined, replayed });
    return engine;
  }

  /** Stored events up to the checkpoint, without alerting: their alerts exist or are stale. */
  private async replay(engine: RuleEngine): Promise<number> {
    const { replay_hours, replay_max_events } = this.deps.config;
    let n = 0;
    if (replay_hours <= 0 || replay_max_events <= 0) return n;
    let after: TailPosition = { at_ms: this.pos.at_ms - replay_hours * 3_600_000, id: '' };
    while (n < replay_max_events) {
      const page = await this.deps.store.tailEvents({ after, until: this.pos, lagMs: 0, limit: PAGE });
      if (!page.last) break;
      engine.process(page.events.filter((e) => this.recent.addNew(e.id)));
      n += page.events.length;
      after = page.last;
      if (page.events.length < PAGE) break;
    }
    this.stats.replayed += n;
    return n;
  }

  private async stepDown(): Promise<void> {
    this.engine = undefined;
    await this.deps.alerts.idle();
    await this.deps.notifier.stop();
    this.deps.log.info('rules leader: stopped', { processed: this.stats.processed });
  }
}
