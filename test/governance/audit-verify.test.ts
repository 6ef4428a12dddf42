import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail, verifyChain } from '../../src/audit/audit-trail.js';
import { auditRowToCsv, exportAudit } from '../../src/governance/audit-export.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sl-audit-'));
  path = join(dir, 'sightline.duckdb');
  const store = new DuckDbStore({ path });
  await store.start();
  const audit = new AuditTrail(store);
  for (let i = 1; i <= 6; i++) {
    await audit.record({
      actor: 'admin:root',
      action: 'rule.update',
      target: `rule-${i}`,
      details: { n: i },
    });
  }
  await store.stop();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Tampers the way someone holding the database file would: SQL straight on the table. */
async function tamper(...sql: string[]): Promise<void> {
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  for (const s of sql) await c.run(s);
  c.closeSync();
  db.closeSync();
}

async function verify() {
  const store = new DuckDbStore({ path });
  await store.start();
  try {
    return verifyChain(await store.listAudit());
  } finally {
    await store.stop();
  }
}

describe('audit verify', () => {
  it('accepts an untouched chain and reports its head', async () => {
    const r = await verify();
    expect(r).toMatchObject({ ok: true, entries: 6 });
    expect(r.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names an edited entry', async () => {
    await tamper(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 4`);
    expect((await verify()).problem).toMatchObject({ seq: 4, kind: 'edited' });
  });

  it('names an edited detail even when the attacker recomputes nothing else', async () => {
    await tamper(`UPDATE audit_log SET details = '{"n":99}' WHERE seq = 2`);
    expect((await verify()).problem).toMatchObject({ seq: 2, kind: 'edited' });
  });

  it('names a deleted entry', async () => {
    await tamper(`DELETE FROM audit_log WHERE seq = 3`);
    expect((await verify()).problem).toMatchObject({ seq: 3, kind: 'deleted' });
  });

  it('names a deleted entry whose successors were renumbered to hide the gap', async () => {
    await tamper(`DELETE FROM audit_log WHERE seq = 3`, `UPDATE audit_log SET seq = seq - 1 WHERE seq > 3`);
    const p = (await verify()).problem!;
    expect(p.seq).toBe(3);
    expect(['reordered', 'broken_link']).toContain(p.kind);
    expect(p.message).toContain('3');
  });

  it('names reordered entries (two rows swapped)', async () => {
    await tamper(
      `UPDATE audit_log SET seq = 100 WHERE seq = 2`,
      `UPDATE audit_log SET seq = 2 WHERE seq = 5`,
      `UPDATE audit_log SET seq = 5 WHERE seq = 100`,
    );
    expect((await verify()).problem).toMatchObject({
      seq: 2,
      kind: 'reordered',
      message: 'entry 2 holds the entry written as 5',
    });
  });

  it('names an entry inserted into the middle', async () => {
    await tamper(
      `UPDATE audit_log SET seq = seq + 1 WHERE seq >= 4`,
      `INSERT INTO audit_log VALUES (4, now()::TIMESTAMP, 'x', 'y', 'z', '{}', '${'0'.repeat(64)}', '${'1'.repeat(64)}')`,
    );
    expect((await verify()).problem).toMatchObject({ seq: 4 });
  });
});

describe('audit export', () => {
  it('exports every entry in order as JSON lines and as CSV that re-verifies', async () => {
    const store = new DuckDbStore({ path });
    await store.start();
    try {
      let jsonl = '';
      for await (const c of exportAudit(store, 'jsonl')) jsonl += c;
      const rows = jsonl
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(verifyChain(rows).ok).toBe(true);
      let csv = '';
      for await (const c of exportAudit(store, 'csv')) csv += c;
      const lines = csv.trim().split('\n');
      expect(lines[0]).toBe('seq,ts,actor,action,target,details,prev_hash,hash');
      expect(lines).toHaveLength(7);
      expect(lines[1]).toContain('"{""n"":1}"');
    } finally {
      await store.stop();
    }
  });

  it('neutralises spreadsheet formulas in CSV', () => {
    const line = auditRowToCsv({
      seq: 1,
      ts: 't',
      actor: '=HYPERLINK("x")',
      action: 'a',
      target: 'b',
      details: '{}',
      prev_hash: 'p',
      hash: 'h',
    });
    expect(line.split(',')[2]).toBe(`"'=HYPERLINK(""x"")"`);
  });
});
