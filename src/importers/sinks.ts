import { IngestClient } from '../client/ingest-client.js';
import type { SightlineConfig } from '../config/schema.js';
import { startSightline, type RunningSightline } from '../server.js';
import { createLogger } from '../util/logger.js';
import type { ImportedEvent, ImportProblem } from './import-events.js';

export interface SinkResult {
  accepted: number;
  duplicates: number;
  rejected: ImportProblem[];
}

/** Where imported events go: a running server's ingest API, or the local store directly. */
export interface ImportSink {
  readonly where: string;
  send(batch: readonly ImportedEvent[]): Promise<SinkResult>;
  close(): Promise<void>;
}

/** Through `POST /v1/events`, so the server's spool, rules and live views see imported events. */
export class RemoteSink implements ImportSink {
  private readonly client: IngestClient;
  readonly where: string;

  constructor(remote: { url: string; key: string }) {
    this.client = new IngestClient({ url: remote.url, apiKey: remote.key });
    this.where = remote.url;
  }

  async send(batch: readonly ImportedEvent[]): Promise<SinkResult> {
    const res = await this.client.sendEvents(batch.map((b) => b.event));
    const rejected = res.errors.map((e) => {
      const at = batch[e.index];
      return {
        file: at?.file ?? '?',
        line: at?.line ?? 0,
        message: `${e.path ? `${e.path}: ` : ''}${e.message}`,
      };
    });
    return { accepted: res.accepted, duplicates: res.duplicates, rejected };
  }

  async close(): Promise<void> {}
}

/**
 * Straight into the data directory when no server holds it: the same pipeline, spool and store
 * as `sightline serve`, without the HTTP listener or server modules.
 */
export class LocalSink implements ImportSink {
  readonly where: string;

  /**
   * Pipeline worker threads are unref'd so that a server can exit; a CLI import has no socket to
   * keep the process alive while it waits for them, so it holds this handle until `close`.
   */
  private readonly keepAlive = setInterval(() => {}, 1 << 30);

  private constructor(private readonly running: RunningSightline) {
    this.where = running.ctx.config.data_dir;
  }

  /** Undefined when the store is locked by a running server (then import through its API). */
  static async open(config: SightlineConfig): Promise<LocalSink | undefined> {
    try {
      const running = await startSightline({
        config,
        listen: false,
        modules: [],
        log: createLogger({ level: 'warn' }),
      });
      return new LocalSink(running);
    } catch (e) {
      if (/lock/i.test((e as Error).message)) return undefined;
      throw e;
    }
  }

  /**
   * As NDJSON through `ingestBody`, the API's own path: the pipeline then runs on the configured
   * worker threads while this thread reads and maps the next batch.
   */
  async send(batch: readonly ImportedEvent[]): Promise<SinkResult> {
    const { ingestor, config } = this.running.ctx;
    // The API answers 429 when the store falls behind; a local import waits for it instead.
    if (ingestor.pending >= config.spool.max_pending_events / 2) await ingestor.flush();
    const body = batch.map((b) => JSON.stringify(b.event)).join('\n');
    const out = await ingestor.ingestBody(body, 'application/x-ndjson');
    const rejected = out.errors.map((e) => {
      const at = batch[e.index];
      return {
        file: at?.file ?? '?',
        line: at?.line ?? 0,
        message: `${e.path ? `${e.path}: ` : ''}${e.message}`,
      };
    });
    return { accepted: out.accepted.length, duplicates: out.duplicates, rejected };
  }

  async close(): Promise<void> {
    try {
      await this.running.ctx.ingestor.flush();
      await this.running.stop();
    } finally {
      clearInterval(this.keepAlive);
    }
  }
}
