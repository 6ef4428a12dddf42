import { nodeHolderId, SchedulerLease } from '../cluster/lease.js';
import type { ServerContext, ServerModule } from '../server-context.js';
import { runRetention } from './retention-job.js';

/** Runs the retention job shortly after start and then every `interval_minutes`. */
export function retentionModule(opts: { firstRunDelayMs?: number } = {}): ServerModule {
  const timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> | undefined;
  let started = false;
  let stopped = false;
  let lease: SchedulerLease | undefined;
  return {
    name: 'retention',
    async start(ctx: ServerContext) {
      const cfg = ctx.config.governance.retention;
      if (!cfg.enabled || started || stopped) return;
      started = true;
      // Several nodes may share one store: only the lease holder runs retention.
      lease = new SchedulerLease(ctx.store, {
        name: 'retention',
        holder: nodeHolderId(),
      });
      await lease.start();
      const tick = () => {
        if (running || stopped || !lease?.isLeader()) return;
        running = runRetention({ store: ctx.store, keys: ctx.keys, audit: ctx.audit, retention: cfg })
          .then((r) =>
            ctx.log.info('retention run', {
              content_deleted: r.content,
              metadata_deleted: r.metadata,
              shredded_days: r.shredded_days.length,
            }),
          )
          .catch((e: unknown) => ctx.log.error('retention run failed', { error: (e as Error).name }))
          .finally(() => (running = undefined));
      };
      timers.push(setTimeout(tick, opts.firstRunDelayMs ?? 60_000));
      timers.push(setInterval(tick, cfg.interval_minutes * 60_000));
      for (const t of timers) t.unref();
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await running;
      await lease?.stop();
      await lease?.release();
    },
  };
}
