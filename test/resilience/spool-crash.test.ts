import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { spawnServer, waitExit, type ChildServer } from '../support/child-server.js';

/**
 * The durability promise: every event acknowledged with 202 is in the store exactly once after a
 * SIGKILL of the server in the middle of sustained ingest and a restart.
 */
describe('kill -9 during ingest', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-crash-'));
  let child: ChildServer | undefined;
  afterAll(async () => {
    if (child && child.proc.exitCode === null) {
      child.proc.kill('SIGKILL');
      await waitExit(child.proc);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged event and duplicates none', async () => {
    child = await spawnServer(dataDir);
    const acked: string[] = [];
    let batchNo = 0;
    let killed = false;
    const sender = async (worker: number) => {
      while (!killed) {
        const ids = Array.from({ length: 200 }, (_, i) => `w${worker}-b${batchNo}-${i}`);
        batchNo++;
        const body = ids
          .map((id) =>
            JSON.stringify({
              id,
              kind: 'llm.call',
              caller: `w${worker}`,
              model: 'gpt-4o',
              llm: { input_tokens: 10 },
            }),
          )
          .join('\n');
        try {
          const res = await fetch(`${child!.url}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${child!.key}`, 'content-type': 'application/x-ndjson' },
            body,
          });
          if (res.status === 202) acked.push(...ids);
          else await res.body?.cancel();
        } catch {
          // Connection cut by the kill: not acknowledged, so not promised.
        }
      }
    };
    const workers = [sender(1), sender(2), sender(3)];
    // Kill under sustained load, once enough has been acknowledged to make the check meaningful.
    const until = Date.now() + 15_000;
    while (acked.length < 1200 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    child.proc.kill('SIGKILL');
    await waitExit(child.proc);
    killed = true;
    await Promise.all(workers);
    expect(acked.length).toBeGreaterThan(1000);

    child = await spawnServer(dataDir);
    // The spool segment outlives the kill, so the restart must replay it and skip what the store has.
    const replay = /"msg":"spool replayed","recovered":(\d+),"stored":(\d+)/.exec(child.output());
    expect(Number(replay?.[1])).toBeGreaterThan(0);
    child.proc.kill('SIGTERM');
    expect(await waitExit(child.proc)).toBe(0);

    const store = new DuckDbStore({ path: join(dataDir, 'sightline.duckdb') });
    await store.start();
    try {
      const rows = await store.sql('SELECT id, count(*) AS n FROM events GROUP BY id');
      const counts = new Map(rows.map((r) => [String(r.id), Number(r.n)]));
      const missing = acked.filter((id) => !counts.has(id));
      const doubled = [...counts].filter(([, n]) => n > 1);
      expect(missing).toEqual([]);
      expect(doubled).toEqual([]);
    } finally {
      await store.stop();
    }
  }, 90_000);
});
