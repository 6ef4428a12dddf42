import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditTrail } from '../../src/audit/audit-trail.js';
import { parseConfig } from '../../src/config/load.js';
import type { SightlineConfig, SightlineConfigInput } from '../../src/config/schema.js';
import { LocalKeyProvider } from '../../src/crypto/local-key-provider.js';
import { seal } from '../../src/crypto/seal.js';
import type { SightlineEvent } from '../../src/events/schema.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { event } from '../../src/store/testing/fixtures.js';
import type { StoredRecord } from '../../src/store/types.js';

/** A real DuckDB store, key directory and audit trail in a fresh temporary data directory. */
export async function governanceFixture(configInput: SightlineConfigInput = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sl-gov-'));
  const config: SightlineConfig = parseConfig({ ...configInput, data_dir: dir });
  const store = new DuckDbStore({ path: join(dir, 'sightline.duckdb') });
  await store.start();
  const keys = new LocalKeyProvider(join(dir, 'keys'));
  const audit = new AuditTrail(store);
  const record = (
    over: Partial<SightlineEvent> & { id: string; ts: string },
    withContent = true,
  ): StoredRecord => {
    const e = event({ ...over, has_content: withContent });
    return withContent
      ? { event: e, sealed: seal(keys, e.id, e.ts.slice(0, 10), JSON.stringify({ prompt: `p-${e.id}` })) }
      : { event: e };
  };
  return {
    dir,
    config,
    store,
    keys,
    audit,
    record,
    async close() {
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
