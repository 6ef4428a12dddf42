import { gzipSync } from 'node:zlib';

export interface ExporterOptions {
  /** Sightline server, e.g. http://127.0.0.1:7600 */
  url: string;
  /** An ingest key (role `ingest`). */
  apiKey: string;
  /** Events held in memory at most; beyond it new events are dropped and counted. */
  maxQueue?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  maxRetries?: number;
  /** Called with failures for your own diagnostics; never with event content. */
  onError?: (message: string) => void;
}

export interface ExporterStats {
  queued: number;
  sent: number;
  dropped: number;
  failedBatches: number;
}

/**
 * Batches events, gzips them and sends them to the ingest API with retries and backoff. Memory is
 * bounded (a full queue drops and counts, and the count is itself sent as an event); nothing here
 * throws into the caller's code, and a server that is down never breaks the application.
 */
export class Exporter {
  private queue: Record<string, unknown>[] = [];
  private timer?: NodeJS.Timeout;
  private sending?: Promise<void>;
  private droppedUnreported = 0;
  readonly stats: ExporterStats = { queued: 0, sent: 0, dropped: 0, failedBatches: 0 };
  private readonly opts: Required<Omit<ExporterOptions, 'onError'>> & Pick<ExporterOptions, 'onError'>;
  private readonly onExit = () => void this.flush();

  constructor(opts: ExporterOptions) {
    this.opts = { maxQueue: 10_000, batchSize: 200, flushIntervalMs: 1000, maxRetries: 4, ...opts };
    process.once('beforeExit', this.onExit);
  }

  record(event: Record<string, unknown>): void {
    try {
      if (this.queue.length >= this.opts.maxQueue) {
        this.stats.dropped++;
        this.droppedUnreported++;
        return;
      }
      this.queue.push(event);
      this.stats.queued = this.queue.length;
      if (this.queue.length >= this.opts.batchSize) void this.flush();
      else if (!this.timer) {
        this.timer = setTimeout(() => void this.flush(), this.opts.flushIntervalMs);
        this.timer.unref();
      }
    } catch {
      // never into the caller's path
    }
  }

  /** Sends everything queued; resolves when done or given up (never rejects). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.sending) await this.sending;
    if (this.droppedUnreported > 0) {
      this.queue.push({
        kind: 'control',
        source: 'sdk',
        control: { action: 'sdk.events_dropped', resource_type: 'sdk' },
        attributes: { dropped: this.droppedUnreported },
      });
      this.droppedUnreported = 0;
    }
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.opts.batchSize);
      this.stats.queued = this.queue.length;
      this.sending = this.send(batch).finally(() => (this.sending = undefined));
      await this.sending;
    }
  }

  async shutdown(): Promise<void> {
    await this.flush();
    process.removeListener('beforeExit', this.onExit);
  }

  private async send(batch: Record<string, unknown>[]): Promise<void> {
    const body = gzipSync(batch.map((e) => JSON.stringify(e)).join('\n'));
    for (let attempt = 0; ; attempt++) {
      let retryAfter = 0;
      try {
        const res = await fetch(`${this.opts.url.replace(/\/+$/, '')}/v1/events`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.opts.apiKey}`,
            'content-type': 'application/x-ndjson',
            'content-encoding': 'gzip',
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.text().catch(() => '');
        if (res.ok || (res.status >= 400 && res.status < 500 && res.status !== 429)) {
          // 4xx other than 429 will not get better by retrying: the batch is reported, not resent.
          if (res.ok) this.stats.sent += batch.length;
          else {
            this.stats.failedBatches++;
            this.opts.onError?.(`sightline rejected a batch with status ${res.status}`);
          }
          return;
        }
        retryAfter = Number(res.headers.get('retry-after')) * 1000 || 0;
      } catch (e) {
        this.opts.onError?.(`sightline unreachable: ${e instanceof Error ? e.name : 'error'}`);
      }
      if (attempt >= this.opts.maxRetries) {
        this.stats.failedBatches++;
        this.stats.dropped += batch.length;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(retryAfter, 200 * 2 ** attempt)).unref());
    }
  }
}
