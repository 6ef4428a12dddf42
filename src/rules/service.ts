import { AlertManager } from '../alerts/manager.js';
import type { SightlineEvent } from '../events/schema.js';
import { Notifier } from '../notify/notifier.js';
import { respond } from '../respond/responder.js';
import type { ServerContext } from '../server-context.js';
import { loadActiveRules } from './active.js';
import { RuleEngine } from './engine.js';
import { formatLoadError } from './loader.js';
import type { Rule } from './schema.js';
import { StoreTail } from './store-tail.js';

/**
 * The running rules engine: rule set, engine state, alerts, notifications and response actions.
 * Local mode (one node): subscribed to the ingestor; on start the windows and baselines are rebuilt
 * by replaying recent stored events (without alerting) while live events wait in a buffer.
 * Store mode (several nodes on one store): only the `rules` lease holder runs, over every node's
 * events read from the store (`StoreTail`).
 */
export class RulesService {
  readonly rules: Rule[];
  readonly engine: RuleEngine;
  readonly alerts: AlertManager;
  readonly notifier: Notifier;
  readonly mode: 'local' | 'store';
  /** Store mode only. */
  readonly tail?: StoreTail;
  private unsubscribe?: () => void;
  private buffer: SightlineEvent[] | undefined = [];
  readonly stats = { replayed: 0, buffer_dropped: 0 };

  constructor(private readonly ctx: ServerContext) {
    const cfg = ctx.config.rules;
    const loaded = loadActiveRules(cfg);
    for (const e of loaded.errors) ctx.log.error('rule not loaded', { problem: formatLoadError(e) });
    this.rules = loaded.rules;
    const newEngine = () => new RuleEngine(this.rules, { lateness_ms: cfg.lateness_seconds * 1000 });
    this.engine = newEngine();
    this.mode =
      cfg.source === 'store' || (cfg.source === 'auto' && ctx.store.engine === 'clickhouse')
        ? 'store'
        : 'local';
    this.notifier = new Notifier({ store: ctx.store, log: ctx.log, config: cfg.notify });
    this.alerts = new AlertManager({
      store: ctx.store,
      audit: ctx.audit,
      log: ctx.log,
      shared: this.mode === 'store',
      onNew: async (alert, rule) => {
        let out = alert;
        if (rule.actions.length) out = { ...alert, actions: await respond(ctx, alert, rule, cfg.dry_run) };
        // Notified after the alert is stored, so a retry can always find it.
        setImmediate(() => this.notifier.notify(out));
        return out;
      },
    });
    if (this.mode === 'store') {
      this.tail = new StoreTail({
        store: ctx.store,
        log: ctx.log,
        alerts: this.alerts,
        notifier: this.notifier,
        config: cfg,
        newEngine,
        process: (engine, events) => this.fire(engine, events),
      });
    }
  }

  async start(): Promise<void> {
    if (this.tail) {
      await this.alerts.start();
      await this.tail.start();
      return;
    }
    this.unsubscribe = this.ctx.ingestor.onEvents((events) => {
      if (this.buffer) {
        if (this.buffer.length < 1_000_000) this.buffer.push(...events);
        else this.stats.buffer_dropped += events.length;
        return;
      }
      this.process(events);
    });
    await this.alerts.start();
    await this.replay();
    const live = this.buffer ?? [];
    this.buffer = undefined;
    this.process(live);
    this.notifier.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.tail?.stop();
    await this.alerts.stop();
    await this.notifier.stop();
  }

  process(events: readonly SightlineEvent[]): void {
    this.fire(this.engine, events);
  }

  private fire(engine: RuleEngine, events: readonly SightlineEvent[]): void {
    const hits = engine.process(events);
    if (hits.length) this.alerts.enqueue(hits.filter((h) => h.rule.alert));
  }

  /** Rebuilds windows from stored events; their firings are dropped (alerts already exist or are stale). */
  private async replay(): Promise<void> {
    const { replay_hours, replay_max_events } = this.ctx.config.rules;
    if (replay_hours <= 0 || replay_max_events <= 0) return;
    const from = new Date(Date.now() - replay_hours * 3_600_000).toISOString();
    const seen = new Set((this.buffer ?? []).map((e) => e.id));
    let cursor: string | undefined;
    while (this.stats.replayed < replay_max_events) {
      const page = await this.ctx.store.queryEvents({ from, order: 'asc', limit: 5000, cursor });
      const fresh = page.events.filter((e) => !seen.has(e.id));
      this.engine.process(fresh);
      this.stats.replayed += fresh.length;
      if (!page.next_cursor || page.events.length === 0) break;
      cursor = page.next_cursor;
    }
  }
}
