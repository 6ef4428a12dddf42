import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { ClickHouseStore } from '../store/clickhouse/clickhouse-store.js';
import { chdbNodes, closeChdbClient } from '../store/testing/chdb.js';
import { SchedulerLease } from './lease.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterAll(closeChdbClient);

describe('scheduler lease', () => {
  it('two nodes on one ClickHouse: one leads, the other takes over within the lease time when it dies', async () => {
    // Two independent store instances (own migrations, own state) sharing one ClickHouse engine.
    const [storeA, storeB] = (await chdbNodes('lease', 2)) as [ClickHouseStore, ClickHouseStore];
    // Long enough that a renewal delayed by a loaded machine (CI) does not drop a healthy leader.
    const ttlMs = 2500;
    const a = new SchedulerLease(storeA, { holder: 'node-a', ttlMs });
    const b = new SchedulerLease(storeB, { holder: 'node-b', ttlMs });
    await Promise.all([a.start(), b.start()]);
    // Work runs on exactly one node, tick after tick.
    const runs: string[] = [];
    for (let i = 0; i < 6; i++) {
      await a.runIfLeader(async () => void runs.push('a'));
      await b.runIfLeader(async () => void runs.push('b'));
      expect(Number(a.isLeader()) + Number(b.isLeader())).toBeLessThanOrEqual(1);
      await sleep(150);
    }
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(runs).size).toBe(1);
    const [leader, follower] = runs[0] === 'a' ? [a, b] : [b, a];
    // Kill the leader: it stops renewing without releasing anything.
    const killedAt = Date.now();
    await leader.stop();
    while (!follower.isLeader() && Date.now() - killedAt < 8000) await sleep(25);
    const takeover = Date.now() - killedAt;
    expect(follower.isLeader()).toBe(true);
    expect(takeover).toBeLessThan(ttlMs + ttlMs / 3 + 1500); // lease time + one renewal period + settle
    await follower.stop();
    await storeA.stop();
    await storeB.stop();
  });

  it('a leader that stops gracefully and releases hands over at the next renewal, not after the TTL', async () => {
    const [storeA, storeB] = (await chdbNodes('lease_release', 2)) as [ClickHouseStore, ClickHouseStore];
    const ttlMs = 6000;
    const a = new SchedulerLease(storeA, { holder: 'node-a', ttlMs });
    await a.start();
    expect(a.isLeader()).toBe(true);
    const b = new SchedulerLease(storeB, { holder: 'node-b', ttlMs });
    await b.start();
    expect(b.isLeader()).toBe(false);
    const stoppedAt = Date.now();
    await a.stop();
    await a.release();
    while (!b.isLeader() && Date.now() - stoppedAt < ttlMs) await sleep(25);
    expect(b.isLeader()).toBe(true);
    // One renewal period (ttl / 3) plus the settle time, well inside the 6 s claim a kept.
    expect(Date.now() - stoppedAt).toBeLessThan(ttlMs / 3 + 1500);
    await a.release(); // a second release is a no-op: b keeps the lease
    await sleep(ttlMs / 3 + 100);
    expect(b.isLeader()).toBe(true);
    await b.stop();
    await storeA.stop();
    await storeB.stop();
  });

  it('on DuckDB (one process per file) the single node always leads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lease-'));
    const store = new DuckDbStore({ path: join(dir, 's.duckdb') });
    await store.start();
    const lease = new SchedulerLease(store, { holder: 'solo', ttlMs: 600 });
    await lease.start();
    expect(lease.isLeader()).toBe(true);
    await lease.stop();
    expect(lease.isLeader()).toBe(false);
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  });
});
