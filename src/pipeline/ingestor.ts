import type { SightlineConfig } from '../config/schema.js';
import type { SightlineEvent, ValidEventInput } from '../events/schema.js';
import type { Logger } from '../util/logger.js';
import type { Spool } from '../spool/spool.js';
import type { Store, StoredRecord } from '../store/types.js';
import type { Pipeline } from './pipeline.js';
import type { Provenance } from './stages/normalize.js';
import { RecentIds } from './recent-ids.js';
import { BodyError } from '../ingest/parse-body.js';
import type { RecordError } from '../client/ingest-client.js';
import { processBody } from './worker/process-body.js';
import type { PipelinePool } from './worker/pool.js';
import type { WireRecord } from './worker/protocol.js';
import type { KnownScan } from './known-findings.js';

function fromWire(r: WireRecord): StoredRecord {
  if (!r.sealed) return { event: r.event };
  const b = r.sealed.blob;
  // Structured clone turns a Buffer into a plain Uint8Array; the store and spool expect Buffers.
  return {
    event: r.event,
    sealed: { keyId: r.sealed.keyId, blob: Buffer.from(b.buffer, b.byteOffset, b.byteLength) },
  };
}

export type EventListener = (events: readonly SightlineEvent[]) => void;

export type Admission =
  { ok: true } | { ok: false; status: 429 | 503; retryAfterSeconds: number; reason: string };

export interface IngestOutcome {
  accepted: SightlineEvent[];
  /** Inputs whose client-supplied id was already ingested: acknowledged, not stored twice. */
  duplicates: number;
}

/**
 * Owns the path after validation: pipeline → spool (durable ack) → store (batched, retried).
 * The store is never on the request's critical path; a slow or absent store fills the bounded
 * queue and the spool, and admission control answers 429/503 instead of growing memory.
 */
export class Ingestor {
  private queue: StoredRecord[] = [];
  private listeners: EventListener[] = [];
  private readonly sources = new Set<{ drain(): Promise<void> }>();
  private writing?: Promise<void>;
  private stopped = false;
  private storeFailures = 0;
  private readonly recent = new RecentIds(1_000_000);
  private retryTimer?: NodeJS.Timeout;
  private lingerTimer?: NodeJS.Timeout;
  private flushing = 0;
  private readonly inFlight = new Set<Promise<IngestOutcome>>();
  readonly stats = { accepted: 0, stored: 0, duplicates: 0, store_errors: 0 };

  constructor(
    private readonly deps: {
      pipeline: Pipeline;
      store: Store;
      spool: Spool;
      config: SightlineConfig;
      log: Logger;
      /** Worker threads for request bodies; without it bodies are processed on this thread. */
      pool?: PipelinePool;
    },
  ) {}

  /**
   * The ingest API's path: parse, validate and process a whole request body (on a worker thread
   * when there is a pool), then drop client-id duplicates and make the rest durable.
   * Throws `BodyError` when the body as a whole is unreadable.
   */
  async ingestBody(
    text: string,
    contentType: string | undefined,
    provenance: Provenance = {},
    /** Per body line, findings an in-process sender already computed (never from a client). */
    known?: (KnownScan[] | undefined)[],
  ): Promise<IngestOutcome & { errors: RecordError[]; total: number; validCount: number }> {
    const job = { text, contentType, provenance, known };
    let r = this.deps.pool
      ? await this.deps.pool.run(job)
      : processBody(this.deps.pipeline, { ...job, id: 0 });
    if (!r.ok && r.crash) {
      // A lost worker must not lose the request: the event loop can do the same work.
      this.deps.log.error('pipeline worker unavailable; processing inline', { reason: r.crash });
      r = processBody(this.deps.pipeline, { ...job, id: 0 });
    }
    if (!r.ok) {
      if (r.bodyError) throw new BodyError(r.bodyError);
      throw new Error(`pipeline worker failed (${r.crash ?? 'unknown'})`);
    }
    const records = r.records.map(fromWire);
    let duplicates = 0;
    let fresh = records;
    let lines = r.records.map((w) => w.spoolLine);
    if (r.clientIds.length) {
      const ids = r.clientIds.map((i) => records[i]!.event.id);
      const unknown = ids.filter((id) => !this.recent.has(id));
      const inStore = unknown.length ? await this.deps.store.existingIds(unknown) : new Set<string>();
      const clientIdx = new Set(r.clientIds);
      const seen = new Set<string>();
      fresh = records.filter((rec, i) => {
        if (!clientIdx.has(i)) return true;
        const id = rec.event.id;
        const dup = this.recent.has(id) || inStore.has(id) || seen.has(id);
        seen.add(id);
        if (dup) duplicates++;
        return !dup;
      });
      const kept = new Set(fresh);
      lines = lines.filter((_, i) => kept.has(records[i]!));
    }
    const outcome = await this.commit(fresh, duplicates, lines);
    return { ...outcome, errors: r.errors, total: r.total, validCount: r.validCount };
  }

  /** Replays what a crash left in the spool, skipping what the store already has. */
  async start(): Promise<number> {
    const recovered = this.deps.spool.recover();
    if (recovered.length) {
      const fresh: StoredRecord[] = [];
      for (let i = 0; i < recovered.length; i += 5000) {
        const chunk = recovered.slice(i, i + 5000);
        const have = await this.deps.store.existingIds(chunk.map((r) => r.event.id));
        for (const r of chunk) if (!have.has(r.event.id)) fresh.push(r);
      }
      for (let i = 0; i < fresh.length; i += this.deps.config.spool.batch_size) {
        await this.deps.store.append(fresh.slice(i, i + this.deps.config.spool.batch_size));
      }
      this.deps.log.info('spool replayed', { recovered: recovered.length, stored: fresh.length });
    }
    this.deps.spool.discardRecovered();
    return recovered.length;
  }

  onEvents(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  admission(): Admission {
    if (this.stopped) return { ok: false, status: 503, retryAfterSeconds: 5, reason: 'shutting down' };
    const { max_pending_events, max_bytes } = this.deps.config.spool;
    if (this.deps.spool.sizeBytes >= max_bytes) {
      return {
        ok: false,
        status: 503,
        retryAfterSeconds: 30,
        reason: 'spool full: the store is not keeping up',
      };
    }
    if (this.queue.length >= max_pending_events) {
      return {
        ok: false,
        status: 429,
        retryAfterSeconds: this.storeFailures ? 10 : 1,
        reason: 'ingest queue full',
      };
    }
    return { ok: true };
  }

  /**
   * Runs the pipeline and makes the result durable. Resolves when the events are acknowledged.
   * Inputs must already be schema-valid.
   */
  async ingest(inputs: readonly ValidEventInput[], provenance: Provenance = {}): Promise<IngestOutcome> {
    // Tracked so `flush` also covers calls still between the pipeline and the spool (callers such
    // as failed sign-ins record events without awaiting them).
    const run = this.ingestNow(inputs, provenance);
    this.inFlight.add(run);
    try {
      return await run;
    } finally {
      this.inFlight.delete(run);
    }
  }

  private async ingestNow(
    inputs: readonly ValidEventInput[],
    provenance: Provenance,
  ): Promise<IngestOutcome> {
    const records: StoredRecord[] = [];
    let duplicates = 0;
    const candidates = await this.dropKnownIds(inputs);
    for (const input of candidates.fresh) {
      const out = this.deps.pipeline.process(input, provenance);
      if (out) records.push(out);
    }
    duplicates += candidates.duplicates;
    return this.commit(records, duplicates);
  }

  /** For sources that ran the pipeline themselves (the gateway runs detection inline). */
  async ingestProcessed(records: StoredRecord[]): Promise<IngestOutcome> {
    return this.commit(records, 0);
  }

  private async commit(
    records: StoredRecord[],
    duplicates: number,
    spoolLines?: readonly string[],
  ): Promise<IngestOutcome> {
    if (records.length) {
      await this.deps.spool.append(records, spoolLines);
      for (const r of records) this.recent.add(r.event.id);
      this.queue.push(...records);
      this.stats.accepted += records.length;
      this.kick();
    }
    this.stats.duplicates += duplicates;
    const events = records.map((r) => r.event);
    if (events.length) {
      for (const l of this.listeners) {
        try {
          l(events);
        } catch (e) {
          this.deps.log.error('event listener failed', { error: (e as Error).message });
        }
      }
    }
    return { accepted: events, duplicates };
  }

  private async dropKnownIds(inputs: readonly ValidEventInput[]) {
    const withId = inputs.filter((i) => i.id !== undefined);
    if (withId.length === 0) return { fresh: inputs, duplicates: 0 };
    const seenInBatch = new Set<string>();
    const unknown: string[] = [];
    for (const i of withId) if (!this.recent.has(i.id!)) unknown.push(i.id!);
    const inStore = unknown.length ? await this.deps.store.existingIds(unknown) : new Set<string>();
    const fresh: ValidEventInput[] = [];
    let duplicates = 0;
    for (const i of inputs) {
      if (i.id !== undefined) {
        if (this.recent.has(i.id) || inStore.has(i.id) || seenInBatch.has(i.id)) {
          duplicates++;
          continue;
        }
        seenInBatch.add(i.id);
      }
      fresh.push(i);
    }
    return { fresh, duplicates };
  }

  private kick(): void {
    if (this.writing || this.retryTimer || this.lingerTimer) return;
    const { batch_size, store_linger_ms } = this.deps.config.spool;
    if (store_linger_ms > 0 && this.queue.length < batch_size && !this.stopped && !this.flushing) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.write();
      }, store_linger_ms);
      return;
    }
    this.write();
  }

  private write(): void {
    if (this.writing) return;
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
      if (this.queue.length && !this.retryTimer && !this.stopped) this.kick();
    });
  }

  private async drain(): Promise<void> {
    const batchSize = this.deps.config.spool.batch_size;
    while (this.queue.length) {
      const batch = this.queue.slice(0, batchSize);
      try {
        await this.deps.store.append(batch);
      } catch (e) {
        this.stats.store_errors++;
        this.storeFailures++;
        this.deps.log.error('store append failed; events stay in the spool', {
          error: (e as Error).message,
          pending: this.queue.length,
        });
        if (!this.stopped) {
          const delay = Math.min(30_000, 200 * 2 ** Math.min(this.storeFailures, 8));
          this.retryTimer = setTimeout(() => {
            this.retryTimer = undefined;
            this.kick();
          }, delay);
          this.retryTimer.unref();
        }
        return;
      }
      this.storeFailures = 0;
      this.queue.splice(0, batch.length);
      this.deps.spool.commit(batch.length);
      this.stats.stored += batch.length;
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  /**
   * A component that holds captured events briefly before ingesting them (the gateway batches
   * its records): `flush` drains it first, so "flushed" means everything captured so far.
   */
  registerSource(source: { drain(): Promise<void> }): void {
    this.sources.add(source);
  }

  /** Waits until every accepted event is in the store (or the store keeps failing). */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      await Promise.allSettled([...this.inFlight]);
      for (const s of this.sources) await s.drain();
      for (let i = 0; i < 1000 && (this.queue.length || this.writing); i++) {
        if (this.retryTimer) {
          clearTimeout(this.retryTimer);
          this.retryTimer = undefined;
        }
        this.cancelLinger();
        this.kick();
        await this.writing;
        if (this.storeFailures) await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      this.flushing--;
    }
  }

  private cancelLinger(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }

  /** Stops admitting, flushes what it can; what it cannot stays in the spool for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelLinger();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.writing;
    if (this.queue.length) {
      try {
        await this.drain();
      } catch {
        // Left in the spool for replay.
      }
    }
    await this.deps.spool.close();
    await this.deps.pool?.close();
  }
}
