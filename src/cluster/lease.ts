import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/types.js';

/** This process's lease identity: readable in the leases table, unique across restarts. */
export function nodeHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export interface SchedulerLeaseOptions {
  /** Lease name; one per kind of singleton work. */
  name?: string;
  /** This node's identity (host:pid:random); shown as the holder. */
  holder: string;
  /** How long a claim lasts without renewal: the longest a dead leader blocks the others. */
  ttlMs?: number;
  onChange?: (leader: boolean) => void;
}

/**
 * Exactly one node runs scheduled work (rules windows, retention). Every node tries to take or renew
 * the store lease each third of its lifetime; only the holder's `isLeader()` is true. A leader
 * stops leading as soon as a renewal fails or is refused, before its claim could have run out.
 */
export class SchedulerLease {
  private timer?: NodeJS.Timeout;
  private leader = false;
  private leaderUntil = 0;
  private ticking?: Promise<void>;
  private heldAtStop = false;
  readonly name: string;
  readonly ttlMs: number;

  constructor(
    private readonly store: Store,
    private readonly opts: SchedulerLeaseOptions,
  ) {
    this.name = opts.name ?? 'scheduler';
    this.ttlMs = opts.ttlMs ?? 15_000;
  }

  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  /** True while this node holds an unexpired claim (judged on the local clock, conservatively). */
  isLeader(): boolean {
    return this.leader && Date.now() < this.leaderUntil;
  }

  /** Runs `work` only on the leader; returns whether it ran. */
  async runIfLeader(work: () => Promise<void>): Promise<boolean> {
    if (!this.isLeader()) return false;
    await work();
    return true;
  }

  /** Stops renewing; the claim runs out after at most `ttlMs` unless `release` cuts it short. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    this.heldAtStop ||= this.isLeader();
    this.set(false);
  }

  /**
   * After `stop` and the last of the leader's work (a graceful shutdown): a claim still held is cut
   * short, so another node takes over at its next renewal instead of waiting out the TTL. A store
   * that cannot be reached leaves the claim to run out.
   */
  async release(): Promise<void> {
    if (!this.heldAtStop) return;
    this.heldAtStop = false;
    await this.store.releaseLease(this.name, this.opts.holder).catch(() => undefined);
  }

  private tick(): Promise<void> {
    this.ticking ??= this.renew().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async renew(): Promise<void> {
    const asked = Date.now();
    try {
      const g = await this.store.tryAcquireLease(this.name, this.opts.holder, this.ttlMs);
      // Counted from before the request: the server's expiry is never earlier than this.
      this.leaderUntil = g.held ? asked + this.ttlMs : 0;
      this.set(g.held);
    } catch {
      this.set(false);
    }
  }

  private set(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.opts.onChange?.(leader);
  }
}
