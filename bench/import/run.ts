/**
 * bench/import: lines per second importing a gzipped file of Bedrock invocation log records.
 * Three figures from one generated file, each a ratio against the first:
 *   read     gunzip + line split + JSON.parse (the floor any importer pays)
 *   map      read + Bedrock schema + mapping + ids + canonical schema validation (no store)
 *   store    map + pipeline (enrich, detect, redact, route) + spool + DuckDB, until flushed
 *
 *   npx tsx bench/import/run.ts [--records 1000000] [--skip-store]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { emptyCounts, importEvents } from '../../src/importers/import-events.js';
import { readJson } from '../../src/importers/reader/read-json.js';
import { IMPORTERS } from '../../src/importers/registry.js';
import { LocalSink } from '../../src/importers/sinks.js';
import { arg, flag, fmt } from '../support/stats.js';
import { writeGzippedRecords } from './generate.js';

const records = arg('records', 1_000_000);

async function timed(label: string, fn: () => Promise<number>): Promise<number> {
  const start = performance.now();
  const n = await fn();
  const s = (performance.now() - start) / 1000;
  if (n !== records) throw new Error(`${label}: expected ${records} records, got ${n}`);
  const rate = n / s;
  console.log(`${label.padEnd(6)} ${fmt(rate).padStart(10)} lines/s  (${fmt(s, 1)} s)`);
  return rate;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-import-'));
  try {
    const file = join(dir, 'bedrock.jsonl.gz');
    const t0 = performance.now();
    const raw = await writeGzippedRecords(file, records);
    console.log(
      `generated ${fmt(records)} Bedrock records: ${fmt(raw / 1e6, 0)} MB, ${fmt(statSync(file).size / 1e6, 1)} MB gzipped ` +
        `(${fmt((performance.now() - t0) / 1000, 1)} s)`,
    );

    const read = await timed('read', async () => {
      let n = 0;
      for await (const item of readJson(file)) if (item.error === undefined) n++;
      return n;
    });

    const map = await timed('map', async () => {
      const counts = emptyCounts();
      for await (const _batch of importEvents(IMPORTERS.bedrock, [file], counts, { onProblem: () => {} }));
      return counts.events;
    });
    console.log(`map/read ${fmt(map / read, 2)}`);

    if (flag('skip-store')) return;
    const config = parseConfig({ data_dir: join(dir, 'data') });
    const sink = await LocalSink.open(config);
    if (!sink) throw new Error('store locked');
    const store = await timed('store', async () => {
      let accepted = 0;
      for await (const batch of importEvents(IMPORTERS.bedrock, [file], emptyCounts(), {
        batchSize: 5000,
        onProblem: () => {},
      }))
        accepted += (await sink.send(batch)).accepted;
      await sink.close();
      return accepted;
    });
    console.log(`store/read ${fmt(store / read, 2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
