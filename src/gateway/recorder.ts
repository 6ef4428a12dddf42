import type { EventInput } from '../events/schema.js';
import type { KnownScan } from '../pipeline/known-findings.js';
import type { ServerContext } from '../server-context.js';

const MAX_BATCH = 500;
const MAX_WAIT_MS = 20;

/**
 * Collects the gateway's events and hands them to ingest in small batches as NDJSON, so the
 * pipeline (detection, redaction, sealing) runs on the ingest worker threads and the spool and
 * store see one write per batch: a proxied call pays for none of it on the event loop. Batches
 * are per tenant because provenance is.
 */
export class GatewayRecorder {
  private readonly batches = new Map<string, { lines: string[]; known: (KnownScan[] | undefined)[] }>();
  private timer?: NodeJS.Timeout;
  private inflight = new Set<Promise<unknown>>();
  dropped = 0;

  constructor(private readonly ctx: ServerContext) {}

  /** `known`: for the first event (the call), the texts the gateway has scanned already. */
  add(tenant: string | undefined, events: readonly EventInput[], known?: KnownScan[]): void {
    const key = tenant ?? '';
    let batch = this.batches.get(key);
    if (!batch) this.batches.set(key, (batch = { lines: [], known: [] }));
    events.forEach((e, i) => {
      batch.lines.push(JSON.stringify(e));
      batch.known.push(i === 0 ? known : undefined);
    });
    if (batch.lines.length >= MAX_BATCH) this.flushTenant(key);
    else this.timer ??= setTimeout(() => this.flush(), MAX_WAIT_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const key of [...this.batches.keys()]) this.flushTenant(key);
  }

  /** Sends what is queued and waits for it to be acknowledged (shutdown, tests). */
  async drain(): Promise<void> {
    this.flush();
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private flushTenant(key: string): void {
    const batch = this.batches.get(key);
    this.batches.delete(key);
    if (!batch?.lines.length) return;
    const { lines } = batch;
    const admission = this.ctx.ingestor.admission();
    if (!admission.ok) {
      // The store is far behind: the call itself went through, its record cannot be kept.
      this.dropped += lines.length;
      this.ctx.log.warn('gateway events dropped: ingest is refusing', {
        count: lines.length,
        reason: admission.reason,
      });
      return;
    }
    const p = this.ctx.ingestor
      .ingestBody(
        lines.join('\n'),
        'application/x-ndjson',
        { source: 'gateway', tenant: key || undefined },
        batch.known.some(Boolean) ? batch.known : undefined,
      )
      .then((out) => {
        if (out.errors.length)
          this.ctx.log.error('gateway events failed validation', {
            count: out.errors.length,
            first_path: out.errors[0]?.path,
          });
      })
      .catch((e: unknown) =>
        this.ctx.log.warn('could not record gateway events', {
          error: e instanceof Error ? e.name : 'unknown',
        }),
      )
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }
}
