/**
 * ClickHouse (chDB's in-process engine, the same SQL as over HTTP) beside DuckDB on the same events:
 * insert rate, overview panel times and bytes per event on disk.
 *   npx tsx bench/clickhouse/run.ts [events=200000]
 */
import { mkdtempSync, readdirSync as readdir, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { SightlineEvent } from '../../src/events/schema.js';
import { ClickHouseStore } from '../../src/store/clickhouse/clickhouse-store.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { event } from '../../src/store/testing/fixtures.js';
import type { Store } from '../../src/store/types.js';
import { OVERVIEW_PANELS, type OverviewQuery } from '../../src/store/dashboard-types.js';

const N = Number(process.argv[2] ?? 200_000);
const BATCH = 5000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const SPAN_MS = 7 * 86_400_000;
const models = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'claude-3-haiku', 'llama-3-70b'];

function make(i: number): SightlineEvent {
  const ts = new Date(START + Math.floor((i / N) * SPAN_MS)).toISOString();
  const risky = i % 97 === 0;
  return event({
    id: `ev-${i.toString(36).padStart(8, '0')}`,
    ts,
    ingested_at: ts,
    caller: `user-${i % 500}`,
    team: `team-${i % 12}`,
    model: models[i % models.length],
    source_ip: `10.0.${i % 256}.${(i >> 8) % 256}`,
    status: i % 50 === 0 ? 'error' : i % 211 === 0 ? 'blocked' : 'ok',
    latency_ms: 100 + (i % 900),
    risk_score: risky ? 0.9 : 0,
    llm: {
      input_tokens: 200 + (i % 300),
      output_tokens: 100 + (i % 200),
      total_tokens: 300 + (i % 500),
      cost_usd: 0.0004 * (1 + (i % 7)),
    },
    findings: risky
      ? [{ category: 'injection.override', detector: 'sig', score: 0.9, field: 'prompt', start: 0, end: 5 }]
      : [],
  });
}

function dirBytes(p: string): number {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  return readdir(p).reduce((a, f) => a + dirBytes(join(p, f)), 0);
}

async function load(store: Store): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const recs = [];
    for (let j = i; j < Math.min(N, i + BATCH); j++) recs.push({ event: make(j) });
    await store.append(recs);
  }
  return N / ((performance.now() - t0) / 1000);
}

async function panels(store: Store): Promise<Record<string, number>> {
  const q: OverviewQuery = {
    from: new Date(START + SPAN_MS - 86_400_000).toISOString(),
    to: new Date(START + SPAN_MS).toISOString(),
    bucketSeconds: 3600,
    suspiciousFamilies: ['injection', 'jailbreak'],
    topN: 10,
  };
  const out: Record<string, number> = {};
  await store.overview(q); // warm
  for (const p of OVERVIEW_PANELS) {
    const times: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await store.overview({ ...q, panels: [p] });
      times.push(performance.now() - t0);
    }
    out[p] = Math.min(...times);
  }
  const t0 = performance.now();
  await store.overview({ ...q, from: new Date(START).toISOString() }); // whole week, all panels
  out['all panels, 7 days'] = performance.now() - t0;
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-ch-'));
try {
  const duck = new DuckDbStore({ path: join(dir, 'duck.duckdb') });
  await duck.start();
  const duckRate = await load(duck);
  const duckPanels = await panels(duck);
  await duck.stop();
  const duckBytes = dirBytes(join(dir, 'duck.duckdb'));

  const chPath = join(dir, 'chdb');
  const client = createClient({ connection: createChdbConnection({ path: chPath }) as never });
  const ch = new ClickHouseStore({ database: 'bench', client });
  await ch.start();
  const chRate = await load(ch);
  await ch.rows('OPTIMIZE TABLE bench.events FINAL');
  const chPanels = await panels(ch);
  const parts = await ch.rows(
    `SELECT sum(bytes_on_disk) AS b, sum(rows) AS r FROM system.parts WHERE database = 'bench' AND table = 'events' AND active`,
  );
  await ch.stop();
  await client.close();
  const chBytes = Number(parts[0]!.b);

  console.log(`events: ${N}, batches of ${BATCH}, one process, ${new Date().toISOString()}`);
  console.log(`| measure | DuckDB | ClickHouse (chDB) | ratio CH/Duck |`);
  console.log(`|---|---|---|---|`);
  console.log(
    `| insert, events/s | ${duckRate.toFixed(0)} | ${chRate.toFixed(0)} | ${(chRate / duckRate).toFixed(2)} |`,
  );
  console.log(
    `| bytes/event on disk (metadata) | ${(duckBytes / N).toFixed(1)} | ${(chBytes / N).toFixed(1)} | ${(chBytes / duckBytes).toFixed(2)} |`,
  );
  for (const k of Object.keys(chPanels)) {
    console.log(
      `| ${k}, ms | ${duckPanels[k]!.toFixed(1)} | ${chPanels[k]!.toFixed(1)} | ${(chPanels[k]! / duckPanels[k]!).toFixed(2)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
