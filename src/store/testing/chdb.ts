import { randomBytes } from 'node:crypto';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { ClickHouseStore } from '../clickhouse/clickhouse-store.js';

let client: ClickHouseClient | undefined;

/**
 * The real ClickHouse engine (chDB, in-process, current release) behind the same
 * `@clickhouse/client` API the store uses over HTTP; one engine per test process.
 */
export function chdbClient(): ClickHouseClient {
  client ??= createClient({ connection: createChdbConnection({ path: ':memory:' }) as never });
  return client;
}

export async function closeChdbClient(): Promise<void> {
  await client?.close();
  client = undefined;
}

/** Several started store instances (nodes: each its own migrations and state) on one fresh database. */
export async function chdbNodes(prefix: string, n: number): Promise<ClickHouseStore[]> {
  const database = `${prefix}_${randomBytes(6).toString('hex')}`;
  const stores = Array.from(
    { length: n },
    () => new ClickHouseStore({ database, client: chdbClient(), leaseSettleMs: 100 }),
  );
  for (const s of stores) await s.start();
  return stores;
}
