/**
 * bench/resilience: fixed-rate ingest for 60 s while the server is killed with SIGKILL twice and
 * the store is unavailable once. The client behaves like a careful SDK: a batch that got no 202
 * (connection cut, 429, 503) is retried later with the same ids. At the end every acknowledged id
 * must be stored exactly once.
 *
 *   npx tsx bench/resilience/run.ts [--seconds 60] [--rate 500] [--batch 50] [--outage-seconds 10]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { packagePath } from '../../src/util/package-root.js';
import { arg } from '../support/stats.js';

const seconds = arg('seconds', 60);
const rate = arg('rate', 500);
const batchSize = arg('batch', 50);
const outageSeconds = arg('outage-seconds', 10);
const dataDir = mkdtempSync(join(tmpdir(), 'sl-resilience-'));
const marker = join(dataDir, 'store-outage');
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
let t0 = performance.now();

interface Server {
  proc: ChildProcess;
  url: string;
  key: string;
}

async function start(): Promise<Server> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', packagePath('bench', 'resilience', 'server.ts'), dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      const m = /running at (\S+)/.exec(d.toString());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { proc, url, key: readFileSync(join(dataDir, 'bootstrap-admin.key'), 'utf8').trim() };
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((r) => proc.once('exit', () => r()));
}

let server: Server | undefined = await start();
t0 = performance.now();
const acked = new Set<string>();
const retry: string[][] = [];
const statuses = new Map<string, number>();
let sent = 0;
let inFlight = 0;

async function send(ids: string[]): Promise<void> {
  const s = server;
  let status = 'no server';
  if (s) {
    inFlight++;
    try {
      const body = ids
        .map((id) =>
          JSON.stringify({
            id,
            kind: 'llm.call',
            model: 'gpt-4o',
            caller: 'bench',
            llm: { input_tokens: 12 },
          }),
        )
        .join('\n');
      const res = await fetch(`${s.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/x-ndjson' },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = String(res.status);
      await res.body?.cancel();
      if (res.status === 202) for (const id of ids) acked.add(id);
    } catch {
      status = 'connection error';
    } finally {
      inFlight--;
    }
  }
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (status !== '202') retry.push(ids);
}

const tickMs = Math.max(10, Math.round((1000 * batchSize) / rate));
let batchNo = 0;
const sender = setInterval(() => {
  const again = retry.shift();
  if (again) void send(again);
  const ids = Array.from({ length: batchSize }, (_, i) => `r-${batchNo}-${i}`);
  batchNo++;
  sent += ids.length;
  void send(ids);
}, tickMs);

async function kill(): Promise<void> {
  const s = server!;
  server = undefined;
  s.proc.kill('SIGKILL');
  await exited(s.proc);
  log(`server killed (SIGKILL); ${acked.size} acknowledged so far`);
  server = await start();
  log('server restarted');
}

const at = (fraction: number) =>
  new Promise((r) => setTimeout(r, seconds * 1000 * fraction - (performance.now() - t0)));
await at(0.2);
await kill();
await at(0.4);
writeFileSync(marker, '');
log(`store outage begins (${outageSeconds} s)`);
await new Promise((r) => setTimeout(r, outageSeconds * 1000));
rmSync(marker);
log('store outage ends');
await at(0.75);
await kill();
await at(1);
clearInterval(sender);
log('sending stopped; retrying what was refused');
while (retry.length || inFlight) {
  const again = retry.shift();
  if (again) await send(again);
  else await new Promise((r) => setTimeout(r, 50));
}
// A graceful stop and one more start: whatever is still spooled is replayed into the store.
server!.proc.kill('SIGTERM');
await exited(server!.proc);
server = await start();
server.proc.kill('SIGTERM');
await exited(server.proc);

const store = new DuckDbStore({ path: join(dataDir, 'sightline.duckdb') });
await store.start();
const rows = await store.sql('SELECT id, count(*) AS n FROM events WHERE kind = $1 GROUP BY id', [
  'llm.call',
]);
await store.stop();
const counts = new Map(rows.map((r) => [String(r.id), Number(r.n)]));
const missing = [...acked].filter((id) => !counts.has(id)).length;
const duplicated = [...counts.values()].filter((n) => n > 1).length;
const storedAcked = [...acked].filter((id) => counts.has(id)).length;
console.log(
  JSON.stringify({
    seconds,
    rate,
    sent,
    acknowledged: acked.size,
    stored: storedAcked,
    stored_rows: counts.size,
    missing,
    duplicated,
    responses: Object.fromEntries(statuses),
  }),
);
console.log(
  `acknowledged ${acked.size}, stored ${storedAcked} (missing ${missing}, duplicated ${duplicated})`,
);
rmSync(dataDir, { recursive: true, force: true });
process.exit(missing === 0 && duplicated === 0 && storedAcked === acked.size ? 0 : 1);
