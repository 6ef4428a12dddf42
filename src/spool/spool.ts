import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { fdatasync, write } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StoredRecord } from '../store/types.js';

const writeAsync = promisify(write) as (
  fd: number,
  buffer: Buffer,
  offset: number,
) => Promise<{ bytesWritten: number }>;
const fdatasyncAsync = promisify(fdatasync);

const SEGMENT = /^seg-(\d{12})\.ndjson$/;

interface Segment {
  n: number;
  path: string;
  written: number;
  committed: number;
  closed: boolean;
}

/**
 * Write-ahead spool: an accepted event is on disk (fdatasync'd) before the API answers 2xx, and
 * leaves the spool only once the store has committed it. Records are spooled after the pipeline,
 * so content is already redacted and sealed: the spool holds no readable content.
 *
 * Writes are group-committed: requests arriving while a sync is in flight share the next one, so
 * durability costs one fsync per burst, not per request.
 */
export class Spool {
  private segments: Segment[] = [];
  private fd = -1;
  private pending: { lines: string; count: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private flushing = false;
  private idle: Promise<void> = Promise.resolve();
  private bytes = 0;

  constructor(
    private readonly dir: string,
    private readonly opts: { fsync: boolean; segmentBytes?: number },
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Records left by a previous run that may not be in the store; call before `append`. */
  recover(): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const name of readdirSync(this.dir)
      .filter((f) => SEGMENT.test(f))
      .sort()) {
      const text = readFileSync(join(this.dir, name), 'utf8');
      const lines = text.split('\n');
      // A crash can tear only the last line; every earlier line was fully written before its ack.
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (!line) continue;
        try {
          out.push(decode(line));
        } catch {
          if (i < lines.length - 1) throw new Error(`spool segment ${name} is corrupt at line ${i + 1}`);
        }
      }
    }
    return out;
  }

  /** After recovered records are safely in the store, their segments can go. */
  discardRecovered(): void {
    for (const name of readdirSync(this.dir)) if (SEGMENT.test(name)) rmSync(join(this.dir, name));
    this.segments = [];
    this.bytes = 0;
  }

  /**
   * Resolves once the records are durable. `encoded[i]`, when given, is `encodeSpoolRecord` of
   * `records[i]` already computed off the event loop (by a pipeline worker).
   */
  append(records: readonly StoredRecord[], encoded?: readonly string[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    let lines = '';
    for (let i = 0; i < records.length; i++) lines += (encoded?.[i] ?? encodeSpoolRecord(records[i]!)) + '\n';
    return new Promise((resolve, reject) => {
      this.pending.push({ lines, count: records.length, resolve, reject });
      if (!this.flushing) this.flush();
    });
  }

  /** The store committed the oldest `count` appended records. */
  commit(count: number): void {
    let left = count;
    while (left > 0 && this.segments.length) {
      const s = this.segments[0]!;
      const take = Math.min(left, s.written - s.committed);
      s.committed += take;
      left -= take;
      if (s.committed === s.written && (s.closed || this.segments.length > 1)) {
        if (!s.closed) this.closeCurrent();
        this.bytes -= existsSync(s.path) ? statSync(s.path).size : 0;
        rmSync(s.path, { force: true });
        this.segments.shift();
      } else if (take === 0) {
        break;
      }
    }
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** Waits for the write in flight, then closes the segment file. */
  async close(): Promise<void> {
    while (this.flushing) await this.idle;
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /**
   * Writes and syncs off the event loop (libuv's thread pool): a disk sync takes milliseconds, and
   * the gateway's requests must not wait behind it. One flush is in flight at a time, which keeps
   * the file in order; everything appended meanwhile joins the next one.
   */
  private flush(): void {
    this.flushing = true;
    this.idle = new Promise<void>((done) => {
      // Run on the next tick so every request of this tick joins the batch.
      setImmediate(() => {
        const batch = this.pending;
        this.pending = [];
        void this.writeBatch(batch).finally(() => {
          if (this.pending.length) this.flush();
          else this.flushing = false;
          done();
        });
      });
    });
  }

  private async writeBatch(batch: Spool['pending']): Promise<void> {
    try {
      const seg = this.current();
      const buf = Buffer.from(batch.map((b) => b.lines).join(''));
      let off = 0;
      while (off < buf.length) off += (await writeAsync(this.fd, buf, off)).bytesWritten;
      if (this.opts.fsync) await fdatasyncAsync(this.fd);
      this.bytes += buf.length;
      for (const b of batch) seg.written += b.count;
      if (this.bytes > 0 && statSizeOf(seg) >= (this.opts.segmentBytes ?? 64 * 1024 * 1024))
        this.closeCurrent();
      for (const b of batch) b.resolve();
    } catch (e) {
      for (const b of batch) b.reject(e as Error);
    }
  }

  private current(): Segment {
    const last = this.segments[this.segments.length - 1];
    if (last && !last.closed && this.fd >= 0) return last;
    const n = last ? last.n + 1 : 1;
    const path = join(this.dir, `seg-${String(n).padStart(12, '0')}.ndjson`);
    this.fd = openSync(path, 'a', 0o600);
    const seg = { n, path, written: 0, committed: 0, closed: false };
    this.segments.push(seg);
    return seg;
  }

  private closeCurrent(): void {
    const last = this.segments[this.segments.length - 1];
    if (last) last.closed = true;
    this.closeFd();
  }
}

function statSizeOf(s: Segment): number {
  return existsSync(s.path) ? statSync(s.path).size : 0;
}

export function encodeSpoolRecord(r: StoredRecord): string {
  return JSON.stringify(
    r.sealed ? { e: r.event, k: r.sealed.keyId, b: r.sealed.blob.toString('base64') } : { e: r.event },
  );
}

function decode(line: string): StoredRecord {
  const v = JSON.parse(line) as { e: StoredRecord['event']; k?: string; b?: string };
  if (!v || typeof v !== 'object' || !v.e || typeof v.e.id !== 'string') throw new Error('bad spool record');
  return v.k && v.b
    ? { event: v.e, sealed: { keyId: v.k, blob: Buffer.from(v.b, 'base64') } }
    : { event: v.e };
}
