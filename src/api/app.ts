import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import { permissionsOf } from '../auth/roles.js';
import { enforcementRoutes } from '../enforcement/routes.js';
import type { ServerContext, ServerModule } from '../server-context.js';
import { presentedKey, requirePermission } from './auth-middleware.js';
import { clientIp } from './client-ip.js';
import type { AppEnv } from './env.js';
import { sendError } from './errors.js';
import { eventRoutes } from './routes/events.js';
import { traceRoutes } from './routes/traces.js';

/** The HTTP surface: API, and whatever modules (gateway, OTLP, dashboard, alerts) mount. */
export function createApp(ctx: ServerContext, modules: readonly ServerModule[] = []): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  ctx.authenticators.unshift((c) => ctx.apiKeys.verify(presentedKey(c)));

  app.use('*', async (c, next) => {
    c.set('requestId', randomUUID());
    c.set('clientIp', clientIp(c, ctx.config.server.trusted_proxies));
    await next();
    c.header('X-Request-Id', c.get('requestId'));
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: ctx.config.server.body_limit_bytes,
      onError: (c) =>
        sendError(
          c,
          413,
          'body_too_large',
          `request body exceeds ${ctx.config.server.body_limit_bytes} bytes`,
        ),
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const a = ctx.ingestor.admission();
    return a.ok
      ? c.json({ status: 'ready', pending: ctx.ingestor.pending })
      : c.json({ status: a.reason }, 503);
  });
  app.get('/v1/me', requirePermission('events:read', ctx.authenticators), (c) => {
    const p = c.get('principal');
    return c.json({
      principal: p.principal,
      role: p.role,
      tenant: p.tenant,
      team: p.team,
      permissions: permissionsOf(p.role),
    });
  });

  eventRoutes(app, ctx);
  enforcementRoutes(app, ctx);
  traceRoutes(app, ctx);
  for (const m of modules) m.routes?.(app, ctx);

  app.notFound((c) => sendError(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    // The message may quote internals; only its class goes to the client.
    ctx.log.error('request failed', { path: c.req.path, error: err.name, request_id: c.get('requestId') });
    return sendError(c, 500, 'internal', 'internal error', { request_id: c.get('requestId') });
  });
  return app;
}
