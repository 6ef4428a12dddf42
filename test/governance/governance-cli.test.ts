import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, waitExit } from '../support/child-server.js';
import { sightline } from '../support/cli.js';
import { governanceFixture } from './helpers.js';

type Fixture = Awaited<ReturnType<typeof governanceFixture>>;
let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

/** A data directory with one expired and one fresh content record, closed for the CLI to open. */
async function prepared(): Promise<Fixture> {
  const f = await governanceFixture();
  const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
  await f.store.append([
    f.record({ id: 'old', ts: old }),
    f.record({ id: 'new', ts: new Date().toISOString() }),
  ]);
  await f.store.stop();
  return f;
}

describe('governance CLI', () => {
  it('retention run --dry-run counts, retention run deletes and shreds, both audited; audit verify passes', async () => {
    fx = await prepared();
    const dry = await sightline(['retention', 'run', '--dry-run', '--json', '--data-dir', fx.dir]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dry_run: true, content: 1 });
    const real = await sightline(['retention', 'run', '--data-dir', fx.dir]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('deleted: content 1');
    expect(real.stdout).toMatch(/shredded day keys: \d{4}-\d{2}-\d{2}/);
    const verify = await sightline(['audit', 'verify', '--data-dir', fx.dir]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/audit trail intact: 2 entries, head [0-9a-f]{64}/);
    const head = /head ([0-9a-f]{64})/.exec(verify.stdout)![1]!;
    expect((await sightline(['audit', 'verify', '--expect-head', head, '--data-dir', fx.dir])).code).toBe(0);
    const csv = await sightline(['audit', 'export', '--format', 'csv', '--data-dir', fx.dir]);
    expect(csv.stdout.trim().split('\n')).toHaveLength(3);
    expect(csv.stdout).toContain('retention.dry_run');
  });

  it('audit verify names the tampered entry and exits 1; --expect-head catches a cut tail', async () => {
    fx = await prepared();
    await sightline(['retention', 'run', '--dry-run', '--data-dir', fx.dir]);
    await sightline(['retention', 'run', '--dry-run', '--data-dir', fx.dir]);
    const head = /head ([0-9a-f]{64})/.exec(
      (await sightline(['audit', 'verify', '--data-dir', fx.dir])).stdout,
    )![1]!;
    const db = await DuckDBInstance.create(join(fx.dir, 'sightline.duckdb'));
    const c = await db.connect();
    await c.run('DELETE FROM audit_log WHERE seq = 2');
    c.closeSync();
    db.closeSync();
    const cut = await sightline(['audit', 'verify', '--expect-head', head, '--data-dir', fx.dir]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain('BROKEN at entry 1 (deleted)');
  });

  it('content-keys rotate starts a new version and audits it; compliance report flags overdue records', async () => {
    fx = await prepared();
    const rotated = await sightline(['content-keys', 'rotate', '--day', '2026-01-02', '--data-dir', fx.dir]);
    expect(rotated.stdout).toContain('new data key 2026-01-02.1');
    const report = await sightline(['compliance', 'report', '--json', '--data-dir', fx.dir]);
    expect(report.code).toBe(1);
    const r = JSON.parse(report.stdout);
    expect(r.retention).toMatchObject({ adherent: false, overdue: { content: 1 } });
    expect(r.retention.unshredded_days).toContain('2026-01-02');
    expect(r.flags.join('\n')).toContain('retention');
    await sightline(['retention', 'run', '--data-dir', fx.dir]);
    const after = JSON.parse(
      (await sightline(['compliance', 'report', '--json', '--data-dir', fx.dir])).stdout,
    );
    expect(after.retention).toMatchObject({ adherent: true, unshredded_days: [] });
    expect(after.retention.last_run).toBeDefined();
    const csv = (await sightline(['audit', 'export', '--data-dir', fx.dir])).stdout;
    expect(csv).toContain('content_key.rotate');
  });

  it('compliance report flags content stored unredacted when the config allows it', async () => {
    fx = await prepared();
    const cfg = join(fx.dir, 'config.yaml');
    writeFileSync(cfg, 'content_logging:\n  enabled: true\n  allow_unredacted: true\n');
    const r = await sightline(['compliance', 'report', '--config', cfg, '--data-dir', fx.dir]);
    expect(r.stdout).toContain('FLAG: content_logging.allow_unredacted is on');
    expect(r.stdout).toContain('FLAG: content is logged without requiring recorded consent');
  });
});

describe('governance CLI with the server running', () => {
  it('audit verify and export ask the server; retention run says the server holds the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-gov-live-'));
    const child = await spawnServer(dir);
    try {
      const args = ['--data-dir', dir, '--url', child.url];
      const verify = await sightline(['audit', 'verify', ...args]);
      expect(verify.stdout).toMatch(/audit trail intact: \d+ entries, head [0-9a-f]{64}/);
      expect(verify.code).toBe(0);
      const jsonl = await sightline(['audit', 'export', ...args]);
      const rows = jsonl.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { seq: number; action: string });
      expect(rows[0]!.seq).toBe(1);
      expect(rows.map((r) => r.action)).toContain('config.initial');
      const retention = await sightline(['retention', 'run', '--data-dir', dir]);
      expect(retention.code).not.toBe(0);
      expect(retention.stderr).toContain('held by a running server');
    } finally {
      child.proc.kill('SIGTERM');
      await waitExit(child.proc);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
