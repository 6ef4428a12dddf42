import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { afterAll, describe, expect, it } from 'vitest';

// The HTTP path of @clickhouse/client against a real clickhouse-server: Debian's 18.16, the only
// server installable on the CI machine (.ci/run). Too old for Sightline's SQL (no query parameters,
// no insert deduplication tokens), so this checks the transport and that the server's refusals
// reach the caller with their message; the SQL runs on the current engine (chDB) elsewhere.
const BINARY = '/usr/sbin/clickhouse-server';
const present = existsSync(BINARY);

let proc: ChildProcess | undefined;
let dir: string | undefined;
afterAll(async () => {
  if (proc && proc.exitCode === null) {
    proc.kill('SIGKILL'); // a throwaway server: nothing to flush
    await new Promise((r) => proc!.once('exit', r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A throwaway server in the foreground: own config, data directory and ports. */
async function startServer(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'ch18-'));
  const [http, tcp] = [await freePort(), await freePort()];
  writeFileSync(
    join(dir, 'config.xml'),
    `<yandex><logger><level>warning</level><console>1</console></logger>
     <http_port>${http}</http_port><tcp_port>${tcp}</tcp_port><listen_host>127.0.0.1</listen_host>
     <path>${dir}/data/</path><tmp_path>${dir}/data/tmp/</tmp_path><users_config>users.xml</users_config>
     <default_profile>default</default_profile><default_database>default</default_database>
     <mark_cache_size>268435456</mark_cache_size></yandex>`,
  );
  writeFileSync(
    join(dir, 'users.xml'),
    `<yandex><profiles><default></default></profiles><quotas><default></default></quotas>
     <users><sightline><password>pw</password><networks><ip>127.0.0.1</ip></networks>
     <profile>default</profile><quota>default</quota></sightline></users></yandex>`,
  );
  let out = '';
  proc = spawn(BINARY, [`--config-file=${join(dir, 'config.xml')}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${http}`;
  const end = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`clickhouse-server exited:\n${out.slice(-2000)}`);
    if (
      await fetch(`${url}/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return url;
    if (Date.now() > end) throw new Error(`clickhouse-server did not answer:\n${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const title = present
  ? 'HTTP path against a real clickhouse-server (Debian 18.16)'
  : `HTTP path against a real clickhouse-server: skipped, ${BINARY} is not installed (apt-get install clickhouse-server, as .ci/run does)`;

if (!present) console.error(title); // the default reporter does not show a skipped suite's name

describe.skipIf(!present)(title, () => {
  it('pings, inserts and selects over HTTP, and relays the server’s errors with their message', async () => {
    const url = await startServer();
    const opts = { url, username: 'sightline', password: 'pw', log: { level: ClickHouseLogLevel.OFF } };
    const client = createClient(opts);
    expect((await client.ping()).success).toBe(true);
    await client.command({
      query: 'CREATE TABLE default.t (id String, n UInt32) ENGINE = MergeTree ORDER BY id',
    });
    // The deduplication token Sightline sends with every batch: refused by name by this old server.
    await expect(
      client.insert({
        table: 'default.t',
        values: [{ id: 'a', n: 1 }],
        format: 'JSONEachRow',
        clickhouse_settings: { insert_deduplication_token: 'batch-1' },
      }),
    ).rejects.toThrow(/Unknown setting insert_deduplication_token/);
    await client.insert({
      table: 'default.t',
      values: [
        { id: 'b', n: 2 },
        { id: 'a', n: 1 },
      ],
      format: 'JSONEachRow',
    });
    const rows = await (
      await client.query({ query: 'SELECT id, n FROM default.t ORDER BY id', format: 'JSONEachRow' })
    ).json();
    expect(rows).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    await expect(client.query({ query: 'SELECT * FROM default.missing' })).rejects.toThrow(
      /Table default.missing doesn't exist/,
    );
    const wrong = createClient({ ...opts, password: 'wrong' });
    await expect(wrong.query({ query: 'SELECT 1' })).rejects.toThrow(/Code: 193.*Wrong password/);
    await wrong.close();
    await client.close();
  });
});
