/**
 * bench/ingest: NDJSON over HTTP → pipeline → spool → DuckDB, 1.5 KB events in batches of 500.
 * The server runs as its own process (the built CLI) so client and server do not share a core's
 * event loop. Baselines measured in the same run: JSON parse+stringify of the same events and a
 * raw DuckDB Appender insert, so the figure can be read as a ratio on any machine.
 *
 *   npm run build && npx tsx bench/ingest/run.ts [--seconds 10] [--concurrency 4] [--batch 500] [--workers N]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { spawnServer, waitExit } from '../../test/support/child-server.js';
import { event as storeEvent } from '../../src/store/testing/fixtures.js';
import { arg, fmt } from '../support/stats.js';
import { syntheticEvent } from './events.js';

const seconds = arg('seconds', 10);
const concurrency = arg('concurrency', 4);
const batch = arg('batch', 500);
const workers = process.argv.includes('--workers') ? arg('workers', 1) : undefined;

function baselineJson(bodies: string[]): number {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 2000) {
    for (const line of bodies[n % bodies.length]!.split('\n')) JSON.stringify(JSON.parse(line));
    n++;
  }
  return (n * batch) / ((performance.now() - start) / 1000);
}

async function baselineAppender(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-app-'));
  const store = new DuckDbStore({ path: join(dir, 'b.duckdb') });
  await store.start();
  const rows = Array.from({ length: 5000 }, (_, i) => ({
    event: storeEvent({ id: `b${i}`, caller: `c${i % 50}` }),
  }));
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 2000) {
    await store.append(rows.map((r, i) => ({ event: { ...r.event, id: `b${n}-${i}` } })));
    n += rows.length;
  }
  const rate = n / ((performance.now() - start) / 1000);
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

async function main() {
  const bodies: string[] = [];
  for (let b = 0; b < 40; b++) {
    bodies.push(
      Array.from({ length: batch }, (_, i) => JSON.stringify(syntheticEvent(b * batch + i))).join('\n'),
    );
  }
  const avgBytes = bodies[0]!.length / batch;
  const jsonRate = baselineJson(bodies);
  const appenderRate = await baselineAppender();

  const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-ingest-'));
  const args: string[] = [];
  if (workers !== undefined) {
    writeFileSync(join(dataDir, 'bench.yaml'), `pipeline: { workers: ${workers} }\n`);
    args.push('--config', join(dataDir, 'bench.yaml'));
  }
  const server = await spawnServer(dataDir, args);
  let accepted = 0;
  let throttled = 0;
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const worker = async (w: number) => {
    for (let i = w; performance.now() < deadline; i += concurrency) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/x-ndjson' },
        body: bodies[i % bodies.length],
      });
      const body = (await res.json()) as { accepted?: number };
      if (res.status === 202) {
        accepted += body.accepted ?? 0;
        latencies.push(performance.now() - t0);
      } else if (res.status === 429 || res.status === 503) {
        throttled++;
        await new Promise((r) => setTimeout(r, 50));
      } else throw new Error(`unexpected ${res.status}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const ackSeconds = (performance.now() - t0) / 1000;
  // Then wait until the store holds everything: the end-to-end rate includes the DuckDB append.
  for (;;) {
    const r = await fetch(`${server.url}/readyz`);
    const { pending } = (await r.json()) as { pending?: number };
    if (!pending) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const storedSeconds = (performance.now() - t0) / 1000;
  server.proc.kill('SIGTERM');
  await waitExit(server.proc);
  rmSync(dataDir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const ackRate = accepted / ackSeconds;
  const storedRate = accepted / storedSeconds;
  console.log(
    `events: ${fmt(accepted)} of ${fmt(avgBytes)} bytes avg, batches of ${batch}, ${concurrency} connections, ${seconds}s`,
  );
  console.log(`acknowledged (durable in spool): ${fmt(ackRate)} events/s; 429/503 answers: ${throttled}`);
  console.log(`stored in DuckDB (end to end):   ${fmt(storedRate)} events/s`);
  console.log(
    `request latency p50 ${fmt(latencies[Math.floor(latencies.length / 2)] ?? NaN, 1)} ms, p99 ${fmt(latencies[Math.floor(latencies.length * 0.99)] ?? NaN, 1)} ms`,
  );
  console.log(
    `baseline JSON parse+stringify (1 core, same events): ${fmt(jsonRate)} events/s → ingest/baseline ${fmt(storedRate / jsonRate, 2)}`,
  );
  console.log(
    `baseline DuckDB appender (metadata rows):           ${fmt(appenderRate)} rows/s → ingest/baseline ${fmt(storedRate / appenderRate, 2)}`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
