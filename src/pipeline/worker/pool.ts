import { Worker } from 'node:worker_threads';
import type { Logger } from '../../util/logger.js';
import type { BodyJob, BodyResult, WorkerInit } from './protocol.js';

interface Slot {
  worker: Worker;
  busy: number;
  alive: boolean;
}

/**
 * Runs parse + validation + pipeline for ingest bodies on worker threads, so the event loop that
 * serves the gateway and the API stays free while large batches are processed, and a second core
 * does useful work. Jobs go to the least busy worker.
 */
export class PipelinePool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { resolve: (r: BodyResult) => void; slot: Slot }>();
  private nextId = 1;
  private closed = false;

  /**
   * Workers need the compiled JavaScript: Node 20 cannot load a TypeScript worker entry through a
   * loader. Running from sources (unit tests), bodies are processed on the event loop instead;
   * tests that run the built CLI exercise the pool.
   */
  static available(): boolean {
    return new URL(import.meta.url).pathname.endsWith('.js');
  }

  constructor(size: number, init: WorkerInit, log: Logger) {
    const file = new URL('./pipeline-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(file, { workerData: init });
      const slot: Slot = { worker, busy: 0, alive: true };
      worker.on('message', (r: BodyResult) => {
        const w = this.waiting.get(r.id);
        if (!w) return;
        this.waiting.delete(r.id);
        w.slot.busy--;
        w.resolve(r);
      });
      worker.on('error', (e) => log.error('pipeline worker failed', { error: e.name }));
      worker.on('exit', () => {
        slot.alive = false;
        // Fail the jobs this worker held instead of leaving their requests hanging.
        for (const [id, w] of this.waiting) {
          if (w.slot === slot) {
            this.waiting.delete(id);
            w.resolve({ id, ok: false, crash: 'worker exited' });
          }
        }
      });
      worker.unref();
      this.slots.push(slot);
    }
  }

  run(job: Omit<BodyJob, 'id'>): Promise<BodyResult> {
    const alive = this.slots.filter((s) => s.alive);
    if (this.closed || alive.length === 0) return Promise.resolve({ id: 0, ok: false, crash: 'no worker' });
    const slot = alive.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, slot });
      slot.worker.postMessage({ ...job, id });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
