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
  /** Hash of the last entry: write it down elsewhere to detect a truncated tail later. */
  head?: string;
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

/** The position an entry was written at, if its content is intact but sits elsewhere now. */
function writtenAs(row: AuditRow, maxSeq: number): number | undefined {
  const { hash, ...rest } = row;
  for (let seq = 1; seq <= maxSeq; seq++) {
    if (seq !== row.seq && auditHash({ ...rest, seq }) === hash) return seq;
  }
  return undefined;
}

/**
 * Walks the chain from the genesis hash and names the first entry that is out of place: a gap in
 * the sequence (deleted), an entry whose content was written for another position (reordered),
 * an entry whose hash no longer matches its fields (edited), or one that does not follow its
 * predecessor (broken link: an entry removed and the rest renumbered, or one inserted).
 */
export function verifyChain(rows: readonly AuditRow[]): VerifyResult {
  let prev = GENESIS;
  let expectedSeq = 1;
  const fail = (seq: number, kind: NonNullable<VerifyResult['problem']>['kind'], message: string) => ({
    ok: false,
    entries: rows.length,
    problem: { seq, kind, message },
  });
  const maxSeq = rows.reduce((m, r) => Math.max(m, r.seq), rows.length);
  for (const row of rows) {
    if (row.seq > expectedSeq) {
      const missing = row.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}-${row.seq - 1}`;
      return fail(
        expectedSeq,
        'deleted',
        `entry ${missing} is missing (the next entry present is ${row.seq})`,
      );
    }
    if (row.seq < expectedSeq) {
      return fail(row.seq, 'reordered', `entry ${row.seq} appears after entry ${expectedSeq - 1}`);
    }
    const { hash, ...rest } = row;
    if (auditHash(rest) !== hash) {
      const original = writtenAs(row, maxSeq);
      if (original !== undefined) {
        return fail(row.seq, 'reordered', `entry ${row.seq} holds the entry written as ${original}`);
      }
      return fail(row.seq, 'edited', `entry ${row.seq} was changed after it was written`);
    }
    if (row.prev_hash !== prev) {
      return fail(row.seq, 'broken_link', `entry ${row.seq} does not follow entry ${row.seq - 1}`);
    }
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, entries: rows.length, ...(rows.length ? { head: prev } : {}) };
}
