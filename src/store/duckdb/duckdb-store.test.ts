import { join } from 'node:path';
import { runStoreSuite } from '../testing/store-suite.js';
import { DuckDbStore } from './duckdb-store.js';

runStoreSuite({
  name: 'duckdb',
  newStore: (dir) => new DuckDbStore({ path: join(dir, 'sightline.duckdb') }),
  inspectsFiles: true,
});
