import { AuditTrail } from '../audit/audit-trail.js';
import type { SightlineConfig } from '../config/schema.js';
import { LocalKeyProvider } from '../crypto/local-key-provider.js';
import { createStore, dataPath } from '../server.js';
import type { Store } from '../store/types.js';

/** The database is open in another process (a running server). */
export class DatabaseBusyError extends Error {}

export interface LocalGovernance {
  store: Store;
  keys: LocalKeyProvider;
  audit: AuditTrail;
  close(): Promise<void>;
}

/**
 * Opens the data directory for an offline governance command. DuckDB allows one writer process,
 * so while the server runs these commands are refused with a message saying so.
 */
export async function openLocal(config: SightlineConfig): Promise<LocalGovernance> {
  const store = createStore(config);
  try {
    await store.start();
  } catch (e) {
    const msg = (e as Error).message;
    if (/lock/i.test(msg)) {
      throw new DatabaseBusyError(
        `the database in ${config.data_dir} is held by a running server; stop it first (the server runs retention on its own schedule)`,
      );
    }
    throw e;
  }
  const keys = new LocalKeyProvider(dataPath(config, 'keys'));
  return { store, keys, audit: new AuditTrail(store), close: () => store.stop() };
}
