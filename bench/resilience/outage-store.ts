import { existsSync } from 'node:fs';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { StoredRecord } from '../../src/store/types.js';

/**
 * The real DuckDB store with an injectable outage: while `isDown()` says so, writes fail the way a
 * full disk or a lost connection would. Reads keep working, as they do on a full disk.
 */
export class OutageStore extends DuckDbStore {
  constructor(
    path: string,
    private readonly isDown: () => boolean,
  ) {
    super({ path });
  }

  /** An outage switched by a marker file, so a separate process can cut and restore the store. */
  static withMarker(path: string, marker: string): OutageStore {
    return new OutageStore(path, () => existsSync(marker));
  }

  override append(records: readonly StoredRecord[]): Promise<void> {
    if (this.isDown()) return Promise.reject(new Error('store unavailable (injected outage)'));
    return super.append(records);
  }
}
