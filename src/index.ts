/** Programmatic entry points, for embedding Sightline or building on it. */
export { startSightline, createStore, type RunningSightline, type SightlineOptions } from './server.js';
export { loadConfig, parseConfig, ConfigError } from './config/load.js';
export type { SightlineConfig, SightlineConfigInput } from './config/schema.js';
export { eventInputSchema, EVENT_KINDS } from './events/schema.js';
export type { EventInput, SightlineEvent, EventContent, EventKind } from './events/schema.js';
export type { Store, StoredRecord, EventQuery, EventPage } from './store/types.js';
export { DuckDbStore } from './store/duckdb/duckdb-store.js';
export { IngestClient } from './client/ingest-client.js';
