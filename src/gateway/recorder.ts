import type { EventInput } from '../events/schema.js';
import type { ServerContext } from '../server-context.js';

const MAX_BATCH = 1000;

/**
 * Collects the gateway's events and hands them to the ingestor in batches, as NDJSON, so that
 * validation, the pipeline and spool encoding run on the ingest worker threads and the spool's
 * durable write and store append happen once per batch instead of once per model call. No caller
 * waits for these events, so a short delay (`gateway.record_batch_ms`) costs nothing a caller
 * sees; it keeps the event loop, which every proxied byte goes through, free.
 */
export class GatewayRecorder {
  private readonly pending = new Map<string, EventInput[]>();
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly delayMs = ctx.config.gateway.record_batch_ms,
  ) {}

  add(events: readonly EventInput[], tenant: string | undefined): void {
    const key = tenant ?? '';
    const list = this.pending.get(key);
    if (list) list.push(...events);
    else this.pending.set(key, [...events]);
    this.count += events.length;
    if (this.count >= MAX_BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends what is buffered; resolves once it and everything sent before is durable. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.all([...this.inFlight]);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.count = 0;
    for (const [tenant, events] of this.pending) {
      const p = this.send(events, tenant || undefined).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    this.pending.clear();
  }

  private async send(events: EventInput[], tenant: string | undefined): Promise<void> {
    try {
      const body = events.map((e) => JSON.stringify(e)).join('\n');
      const out = await this.ctx.ingestor.ingestBody(body, 'application/x-ndjson', {
        source: 'gateway',
        tenant,
      });
      if (!out.errors.length) return;
      // Content beyond the schema's bounds (a 2 MB prompt) must not cost the metadata record.
      const bad = [...new Set(out.errors.map((e) => e.index))].map((i) => events[i]!);
      const retry = bad.map((e) => ({
        ...e,
        content: undefined,
        attributes: { ...e.attributes, content_dropped: 'too large or invalid' },
      }));
      const again = await this.ctx.ingestor.ingestBody(
        retry.map((e) => JSON.stringify(e)).join('\n'),
        'application/x-ndjson',
        { source: 'gateway', tenant },
      );
      if (again.errors.length)
        this.ctx.log.error('gateway events failed validation', { count: again.errors.length });
    } catch (e) {
      this.ctx.log.warn('could not record gateway calls', {
        error: e instanceof Error ? e.name : 'unknown',
        count: events.length,
      });
    }
  }
}
