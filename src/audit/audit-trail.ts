import { createHash } from 'node:crypto';
import type { AuditRow, Store } from '../store/types.js';

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  /** Metadata only: ids, counts, names. Never content or secrets. */
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.ts,
    row.actor,
    row.action,
    row.target,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** First problem found, naming the entry. */
  problem?: { seq: number; kind: 'edited' | 'deleted' | 'reordered' | 'broken_link'; message: string };
}

/**
 * Hash-chained record of what Sightline itself does. Each row's hash covers its fields and the
 * previous row's hash, so an edit, a deletion or a reordering breaks the chain at that row.
 */
export class AuditTrail {
  private seq = 0;
  private prev = GENESIS;
  private queue: Promise<unknown> = Promise.resolve();
  private loaded?: Promise<void>;

  constructor(private readonly store: Store) {}

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      let after = -1;
      for (;;) {
        const rows = await this.store.listAudit({ afterSeq: after, limit: 10_000 });
        if (rows.length === 0) break;
        const last = rows[rows.length - 1]!;
        this.seq = last.seq;
        this.prev = last.hash;
        after = last.seq;
      }
    })();
    return this.loaded;
  }

  record(entry: AuditEntry): Promise<AuditRow> {
    const run = this.queue.then(async () => {
      await this.load();
      const base = {
        seq: this.seq + 1,
        ts: new Date().toISOString(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        details: JSON.stringify(entry.details ?? {}),
        prev_hash: this.prev,
      };
      const row: AuditRow = { ...base, hash: auditHash(base) };
      await this.store.appendAudit(row);
      this.seq = row.seq;
      this.prev = row.hash;
      return row;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async verify(): Promise<VerifyResult> {
    return verifyChain(await this.store.listAudit());
  }
}

export function verifyChain(rows: readonly AuditRow[]): VerifyResult {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      const kind = row.seq > expectedSeq ? 'deleted' : 'reordered';
      return {
        ok: false,
        entries: rows.length,
        problem: { seq: row.seq, kind, message: `expected entry ${expectedSeq}, found ${row.seq}` },
      };
    }
    const { hash, ...rest } = row;
    if (auditHash(rest) !== hash) {
      return {
        ok: false,
        entries: rows.length,
        problem: {
          seq: row.seq,
          kind: 'edited',
          message: `entry ${row.seq} was changed after it was written`,
        },
      };
    }
    if (row.prev_hash !== prev) {
      return {
        ok: false,
        entries: rows.length,
        problem: {
          seq: row.seq,
          kind: 'broken_link',
          message: `entry ${row.seq} does not follow entry ${row.seq - 1}`,
        },
      };
    }
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, entries: rows.length };
}
