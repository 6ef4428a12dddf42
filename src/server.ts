import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from './api/app.js';
import { createListener } from './api/node-listener.js';
import { ClickHouseStore } from './store/clickhouse/clickhouse-store.js';
import type { AppEnv } from './api/env.js';
import { ApiKeyStore } from './auth/api-keys.js';
import { AuditTrail } from './audit/audit-trail.js';
import type { SightlineConfig } from './config/schema.js';
import type { KeyProvider } from './crypto/key-provider.js';
import { createSecretFileIfAbsent, LocalKeyProvider, writeSecretFile } from './crypto/local-key-provider.js';
import { StoreEnforcementList } from './enforcement/store-enforcement-list.js';
import { Ingestor } from './pipeline/ingestor.js';
import { createPipeline } from './pipeline/build.js';
import { PipelinePool } from './pipeline/worker/pool.js';
import type { NodeRoute, ServerContext, ServerModule } from './server-context.js';
import { defaultModules } from './server-modules.js';
import { Spool } from './spool/spool.js';
import { DuckDbStore } from './store/duckdb/duckdb-store.js';
import type { Store } from './store/types.js';
import { createLogger, type Logger } from './util/logger.js';

export interface SightlineOptions {
  config: SightlineConfig;
  /** Swap the store (tests, other engines); defaults to the configured engine. */
  store?: Store;
  keys?: KeyProvider;
  log?: Logger;
  /** Replaces the default module list (gateway, OTLP, rules, dashboard...). */
  modules?: ServerModule[];
  /** Bind the HTTP listener; false for in-process use (`app.request`). */
  listen?: boolean;
}

export interface RunningSightline {
  url: string;
  port: number;
  app: Hono<AppEnv>;
  /** Routes served on `node:http` ahead of the app (`METHOD /path`): the gateway's proxied calls. */
  nodeRoutes: string[];
  ctx: ServerContext;
  stop(): Promise<void>;
}

export function dataPath(config: SightlineConfig, ...parts: string[]): string {
  return resolve(config.data_dir, ...parts);
}

export function createStore(config: SightlineConfig, env: NodeJS.ProcessEnv = process.env): Store {
  const s = config.store;
  if (s.engine === 'clickhouse') {
    const password = s.password_env ? env[s.password_env] : s.password;
    if (s.password_env && password === undefined) {
      throw new Error(`store.password_env: environment variable ${s.password_env} is not set`);
    }
    return new ClickHouseStore({ url: s.url, database: s.database, user: s.user, password });
  }
  const p = s.path;
  return new DuckDbStore({ path: p === ':memory:' || isAbsolute(p) ? p : dataPath(config, p) });
}

export function loadOrCreateSecret(path: string): Buffer {
  return Buffer.from(createSecretFileIfAbsent(path, randomBytes(32).toString('base64')).trim(), 'base64');
}

/** Creates an admin key on first start, written to a 0600 file rather than printed to logs. */
function bootstrapAdminKey(apiKeys: ApiKeyStore, config: SightlineConfig, log: Logger): void {
  if (apiKeys.list().length > 0) return;
  const { key } = apiKeys.create({ role: 'admin', principal: 'bootstrap-admin' });
  const file = dataPath(config, 'bootstrap-admin.key');
  writeSecretFile(file, key + '\n');
  log.info('created the first admin API key', { file });
}

export async function startSightline(opts: SightlineOptions): Promise<RunningSightline> {
  const { config } = opts;
  const log = opts.log ?? createLogger();
  mkdirSync(config.data_dir, { recursive: true, mode: 0o700 });
  const store = opts.store ?? createStore(config);
  await store.start();
  const keys = opts.keys ?? new LocalKeyProvider(dataPath(config, 'keys'));
  const fingerprintKey = loadOrCreateSecret(dataPath(config, 'keys', 'fingerprint.key'));
  const pipeline = createPipeline(config, keys, fingerprintKey);
  const detectors = pipeline.context.detectors;
  // Fully committed bytes are released a segment at a time, so segments must be well below the
  // admission bound or a drained spool could keep answering 503.
  const spool = new Spool(dataPath(config, 'spool'), {
    fsync: config.spool.fsync,
    segmentBytes: Math.min(64 * 1024 * 1024, Math.floor(config.spool.max_bytes / 4)),
  });
  const workers =
    config.pipeline.workers === 'auto' ? Math.min(4, availableParallelism() - 1) : config.pipeline.workers;
  // Workers open the local key files themselves; a custom key provider keeps processing here.
  const pool =
    workers > 0 && !opts.keys && PipelinePool.available()
      ? new PipelinePool(
          workers,
          { config, keyDir: dataPath(config, 'keys'), fingerprintKey: fingerprintKey.toString('base64') },
          log,
        )
      : undefined;
  const ingestor = new Ingestor({ pipeline, store, spool, config, log, pool });
  await ingestor.start();
  const apiKeys = new ApiKeyStore(dataPath(config, 'api-keys.json'));
  bootstrapAdminKey(apiKeys, config, log);
  const enforcement = new StoreEnforcementList({ store, log });
  await enforcement.start();
  const ctx: ServerContext = {
    config,
    store,
    ingestor,
    pipeline,
    detectors,
    keys,
    apiKeys,
    audit: new AuditTrail(store),
    enforcement,
    log,
    authenticators: [],
  };
  const modules = opts.modules ?? defaultModules();
  const app = createApp(ctx, modules);
  for (const m of modules) await m.start?.(ctx);

  const routes = Object.assign({}, ...modules.map((m) => m.nodeRoutes?.(ctx) ?? {})) as Record<
    string,
    NodeRoute
  >;
  let server: Server | undefined;
  let port = config.server.port;
  if (opts.listen !== false) {
    server = await new Promise<Server>((resolveServer, reject) => {
      const s = createServer(createListener(app, routes, log));
      s.once('error', reject);
      s.listen(config.server.port, config.server.host, () => resolveServer(s));
    });
    port = (server.address() as AddressInfo).port;
    log.info('sightline listening', { host: config.server.host, port, data_dir: config.data_dir });
  }
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    app,
    nodeRoutes: Object.keys(routes),
    ctx,
    stop() {
      stopping ??= (async () => {
        if (server) {
          await new Promise<void>((r) => server!.close(() => r()));
          if ('closeAllConnections' in server)
            (server as unknown as { closeAllConnections(): void }).closeAllConnections();
        }
        for (const m of [...modules].reverse()) await m.stop?.();
        await enforcement.stop();
        await ingestor.stop();
        await store.stop();
      })();
      return stopping;
    },
  };
}
