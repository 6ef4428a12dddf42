import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hono } from 'hono';
import type { AppEnv } from './api/env.js';
import type { Authenticator } from './api/auth-middleware.js';
import type { ApiKeyStore } from './auth/api-keys.js';
import type { AuditTrail } from './audit/audit-trail.js';
import type { SightlineConfig } from './config/schema.js';
import type { KeyProvider } from './crypto/key-provider.js';
import type { DetectorRegistry } from './detect/registry.js';
import type { EnforcementList } from './enforcement/types.js';
import type { Ingestor } from './pipeline/ingestor.js';
import type { Pipeline } from './pipeline/pipeline.js';
import type { Store } from './store/types.js';
import type { Logger } from './util/logger.js';

/** Everything a server module may use. Built once in `startSightline`. */
export interface ServerContext {
  config: SightlineConfig;
  store: Store;
  ingestor: Ingestor;
  pipeline: Pipeline;
  detectors: DetectorRegistry;
  keys: KeyProvider;
  apiKeys: ApiKeyStore;
  audit: AuditTrail;
  /** Response actions the gateway applies; written by analysts and the rules engine. */
  enforcement: EnforcementList;
  log: Logger;
  /** Ways to recognise a caller, tried in order; modules may add (e.g. dashboard sessions). */
  authenticators: Authenticator[];
}

/**
 * A feature mounted into the server: routes, and background work with a lifecycle.
 * `start`/`stop` must be safe to call twice.
 */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface ServerModule {
  readonly name: string;
  routes?(app: Hono<AppEnv>, ctx: ServerContext): void;
  /**
   * Hot paths served on `node:http`'s objects, before the Hono app (keyed `METHOD /path`). Only
   * on a listening server: in-process `app.request` does not reach them.
   */
  nodeRoutes?(ctx: ServerContext): Record<string, NodeRoute>;
  start?(ctx: ServerContext): Promise<void>;
  stop?(): Promise<void>;
}
