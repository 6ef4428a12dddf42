/**
 * The server under test for bench/resilience: the real server and DuckDB store, with writes failing
 * while `<data_dir>/store-outage` exists (see OutageStore). Prints the same "running at" line as
 * `sightline serve`.
 *
 *   npx tsx bench/resilience/server.ts DATA_DIR
 */
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { startSightline } from '../../src/server.js';
import { OutageStore } from './outage-store.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: server.ts DATA_DIR');
const config = parseConfig({ data_dir: dataDir, server: { port: 0 }, pipeline: { workers: 1 } });
const running = await startSightline({
  config,
  store: OutageStore.withMarker(join(dataDir, 'sightline.duckdb'), join(dataDir, 'store-outage')),
});
console.log(`Sightline is running at ${running.url}`);
const stop = () => void running.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
