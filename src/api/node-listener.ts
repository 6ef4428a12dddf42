import { getRequestListener } from '@hono/node-server';
import type { RequestListener } from 'node:http';
import type { Hono } from 'hono';
import type { NodeRoute } from '../server-context.js';
import type { Logger } from '../util/logger.js';
import type { AppEnv } from './env.js';
import { errorBody } from './errors.js';

/**
 * The server's request listener: the modules' hot routes (the gateway's proxied calls) on
 * `node:http` directly, everything else through the Hono app.
 */
export function createListener(
  app: Hono<AppEnv>,
  routes: Readonly<Record<string, NodeRoute>>,
  log: Logger,
): RequestListener {
  const hono = getRequestListener(app.fetch);
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const route = routes[`${req.method} ${q < 0 ? url : url.slice(0, q)}`];
    if (!route) return void hono(req, res);
    route(req, res).catch((e: unknown) => {
      // The message may quote internals or content; only the error's class is logged.
      log.error('request failed', {
        path: url.slice(0, 200),
        error: e instanceof Error ? e.name : 'unknown',
      });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(errorBody('internal', 'internal error')));
    });
  };
}
