/**
 * bench/query: every overview panel query against N synthetic events (default 10 M over 30 days)
 * in a temporary DuckDB file. Each panel runs alone, 5 times after a warm-up; the target is
 * < 300 ms per panel for the default 24 h view and for the whole 30 days.
 *
 *   npx tsx bench/query/run.ts [--events 10000000] [--days 30] [--runs 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OVERVIEW_PANELS, type OverviewQuery } from '../../src/store/dashboard-types.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { arg, fmt, percentile } from '../support/stats.js';
import { generate } from './generate.js';

const events = arg('events', 10_000_000);
const days = arg('days', 30);
const runs = arg('runs', 5);
const end = Date.parse('2026-01-31T00:00:00.000Z');

const dir = mkdtempSync(join(tmpdir(), 'sl-bench-query-'));
const path = join(dir, 'bench.duckdb');
try {
  const migrate = new DuckDbStore({ path });
  await migrate.start();
  await migrate.stop();
  let t = performance.now();
  await generate(path, events, days, end, (n) => process.stderr.write(`\r  generated ${fmt(n)} events`));
  process.stderr.write('\n');
  console.log(
    `generated ${fmt(events)} events over ${days} days in ${fmt((performance.now() - t) / 1000, 1)} s`,
  );

  const store = new DuckDbStore({ path });
  await store.start();
  const ranges: [string, number, number][] = [
    ['24h', 86_400, 1800],
    ['7d', 7 * 86_400, 3 * 3600],
    [`${days}d`, days * 86_400, 12 * 3600],
  ];
  console.log(`\n| panel | ${ranges.map(([r]) => `${r} median / max (ms)`).join(' | ')} |`);
  console.log(`|---|${ranges.map(() => '---:').join('|')}|`);
  let worst = 0;
  for (const panel of OVERVIEW_PANELS) {
    const cells: string[] = [];
    for (const [, seconds, bucket] of ranges) {
      const q: OverviewQuery = {
        from: new Date(end - seconds * 1000).toISOString(),
        to: new Date(end).toISOString(),
        bucketSeconds: bucket,
        suspiciousFamilies: ['injection', 'jailbreak'],
        topN: 10,
        panels: [panel],
      };
      await store.overview(q); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        t = performance.now();
        await store.overview(q);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      worst = Math.max(worst, times[times.length - 1]!);
      cells.push(`${fmt(percentile(times, 50), 1)} / ${fmt(times[times.length - 1]!, 1)}`);
    }
    console.log(`| ${panel} | ${cells.join(' | ')} |`);
  }
  t = performance.now();
  await store.overview({
    from: new Date(end - 86_400_000).toISOString(),
    to: new Date(end).toISOString(),
    bucketSeconds: 1800,
    suspiciousFamilies: ['injection', 'jailbreak'],
    topN: 10,
  });
  console.log(`\nwhole 24 h overview (all panels, one request): ${fmt(performance.now() - t, 1)} ms`);
  console.log(`slowest single panel run: ${fmt(worst, 1)} ms (target < 300 ms)`);
  await store.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
