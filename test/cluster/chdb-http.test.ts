import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseStore } from '../../src/store/clickhouse/clickhouse-store.js';
import { runStoreSuite } from '../../src/store/testing/store-suite.js';
import { serveChdbHttp, type ChdbHttpServer } from '../support/chdb-http.js';

// The store's own HTTP client (no injected connection) against the current engine behind
// ClickHouse's HTTP interface: the transport the several-node test and production use.
let server: ChdbHttpServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chdb-http-'));
  server = await serveChdbHttp({ dataDir: dir, user: 'sightline', password: 'pw' });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

runStoreSuite({
  name: 'clickhouse over HTTP (chDB engine)',
  newStore: () =>
    new ClickHouseStore({
      url: server.url,
      user: 'sightline',
      password: 'pw',
      database: `h_${randomBytes(6).toString('hex')}`,
      leaseSettleMs: 150,
    }),
});

describe('ClickHouse HTTP interface served over chDB', () => {
  it('answers ping, relays a server error with its message, and refuses a wrong password', async () => {
    const quiet = { log: { level: ClickHouseLogLevel.OFF } };
    const client = createClient({ url: server.url, username: 'sightline', password: 'pw', ...quiet });
    expect((await client.ping()).success).toBe(true);
    await expect(client.query({ query: "SELECT throwIf(1, 'shown to the caller')" })).rejects.toThrow(
      /shown to the caller/,
    );
    const bad = createClient({ url: server.url, username: 'sightline', password: 'nope', ...quiet });
    await expect(bad.query({ query: 'SELECT 1' })).rejects.toThrow(/Authentication failed/);
    // Settings are per request: a deduplication token does not leak into the next insert.
    await client.command({ query: 'CREATE DATABASE IF NOT EXISTS s' });
    await client.command({
      query:
        'CREATE TABLE s.t (x UInt8) ENGINE = MergeTree ORDER BY x SETTINGS non_replicated_deduplication_window = 100',
    });
    const ins = (x: number, token?: string) =>
      client.insert({
        table: 's.t',
        values: [{ x }],
        format: 'JSONEachRow',
        clickhouse_settings: token ? { insert_deduplication_token: token } : {},
      });
    await ins(1, 'tok');
    await ins(1, 'tok');
    await ins(2);
    await ins(3);
    const rows = await (
      await client.query({ query: 'SELECT x FROM s.t ORDER BY x', format: 'JSONEachRow' })
    ).json();
    expect(rows).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    await client.close();
    await bad.close();
  });
});
