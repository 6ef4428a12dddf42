import { randomBytes } from 'node:crypto';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { afterAll, describe, expect, it } from 'vitest';
import { event } from '../testing/fixtures.js';
import { runStoreSuite } from '../testing/store-suite.js';
import { ClickHouseStore } from './clickhouse-store.js';

// The real ClickHouse engine (chDB, in-process, current release) behind the same
// `@clickhouse/client` API the engine uses over HTTP; one engine per process, one database per test.
let client: ClickHouseClient | undefined;
function shared(): ClickHouseClient {
  client ??= createClient({ connection: createChdbConnection({ path: ':memory:' }) as never });
  return client;
}
afterAll(async () => {
  await client?.close();
});

runStoreSuite({
  name: 'clickhouse (chDB engine)',
  newStore: () =>
    new ClickHouseStore({
      database: `t_${randomBytes(6).toString('hex')}`,
      client: shared(),
      leaseSettleMs: 150,
    }),
});

describe('ClickHouse engine specifics', () => {
  it('drops a re-sent batch (same deduplication token) instead of duplicating it', async () => {
    const store = new ClickHouseStore({ database: `t_${randomBytes(6).toString('hex')}`, client: shared() });
    await store.start();
    const batch = [{ event: event({ id: 'r1' }) }, { event: event({ id: 'r2' }) }];
    await store.append(batch);
    await store.append(batch); // the retry of a batch whose first attempt landed
    expect(await store.countEvents()).toBe(2);
    await store.append([{ event: event({ id: 'r3' }) }]);
    expect(await store.countEvents()).toBe(3);
    await store.stop();
  });

  it('drops whole expired days as partitions', async () => {
    const name = `t_${randomBytes(6).toString('hex')}`;
    const store = new ClickHouseStore({ database: name, client: shared() });
    await store.start();
    await store.append([
      { event: event({ id: 'd1', ts: '2025-03-01T05:00:00.000Z' }) },
      { event: event({ id: 'd2', ts: '2025-03-02T05:00:00.000Z' }) },
      { event: event({ id: 'd3', ts: '2025-03-03T05:00:00.000Z' }) },
    ]);
    const days = async () =>
      (
        await store.rows(
          `SELECT DISTINCT partition_id AS p FROM system.parts WHERE table = 'events' AND active AND database = {d:String}`,
          { d: name },
        )
      )
        .map((r) => String(r.p))
        .sort();
    expect(await days()).toEqual(['20250301', '20250302', '20250303']);
    expect(await store.deleteEvents({ tier: 'metadata', before: '2025-03-02T06:00:00.000Z' })).toBe(2);
    expect((await store.queryEvents({ limit: 10 })).events.map((e) => e.id)).toEqual(['d3']);
    expect(await days()).not.toContain('20250301'); // dropped, not rewritten
    await store.stop();
  });

  it('rejects a database name that is not a plain identifier', () => {
    expect(() => new ClickHouseStore({ database: 'x; DROP TABLE y', client: shared() })).toThrow(
      /store.database/,
    );
  });
});
