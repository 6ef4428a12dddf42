import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { permissionsOf } from '../../auth/roles.js';
import type { Principal } from '../../auth/api-keys.js';
import { requirePermission } from '../../api/auth-middleware.js';
import type { AppEnv } from '../../api/env.js';
import { sendError } from '../../api/errors.js';
import type { ServerContext } from '../../server-context.js';
import { LoginLimiter } from '../login-limiter.js';
import { isHttps, isSameOrigin } from '../origin.js';
import { verifyPassword } from '../passwords.js';
import { SESSION_COOKIE, type SessionStore } from '../sessions.js';
import { DASHBOARD_ROLES } from '../users.js';

const signIn = z.union([
  z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict(),
  z.object({ api_key: z.string().min(1).max(200) }).strict(),
]);

function describe(p: Principal) {
  return {
    principal: p.principal,
    role: p.role,
    tenant: p.tenant,
    team: p.team,
    permissions: permissionsOf(p.role),
  };
}

/** Sign-in (password or API key), who-am-I, sign-out. */
export function sessionRoutes(app: Hono<AppEnv>, ctx: ServerContext, sessions: SessionStore): void {
  const limiter = new LoginLimiter();

  const refuse = (c: Context<AppEnv>, method: string) => {
    limiter.fail(c.get('clientIp'));
    // A failed sign-in is a security event, like a bad API key; the attempted name is not kept
    // because people type passwords into the name field.
    void ctx.ingestor
      .ingest(
        [
          {
            kind: 'auth',
            source: 'sightline',
            source_ip: c.get('clientIp') || undefined,
            user_agent: c.req.header('user-agent')?.slice(0, 512),
            status: 'denied',
            auth: { outcome: 'denied', method, resource: '/v1/session', reason: 'invalid' },
          },
        ],
        { source: 'sightline' },
      )
      .catch((e: Error) => ctx.log.warn('could not record sign-in failure', { error: e.message }));
    return sendError(c, 401, 'unauthorized', 'wrong name, password or key');
  };

  app.post('/v1/session', async (c) => {
    // Login CSRF: a foreign page must not sign the browser in as someone else.
    if (!isSameOrigin(c)) return sendError(c, 403, 'forbidden', 'cross-origin sign-in refused');
    const wait = limiter.retryAfter(c.get('clientIp'));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return sendError(c, 429, 'too_many_attempts', 'too many failed sign-ins; try again later');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return sendError(c, 400, 'invalid_body', 'expected a JSON body');
    }
    const parsed = signIn.safeParse(body);
    if (!parsed.success)
      return sendError(c, 400, 'invalid_body', 'expected {username, password} or {api_key}');
    let principal: Principal;
    let via: Parameters<SessionStore['open']>[1];
    if ('api_key' in parsed.data) {
      const p = ctx.apiKeys.verify(parsed.data.api_key);
      if (!p || !(DASHBOARD_ROLES as readonly string[]).includes(p.role)) return refuse(c, 'api_key');
      principal = p;
      via = { kind: 'api_key', keyId: p.keyId };
    } else {
      const user = await ctx.store.getUser(parsed.data.username);
      const ok = await verifyPassword(parsed.data.password, user?.password_hash);
      if (!ok || !user || user.disabled_at) return refuse(c, 'password');
      principal = {
        keyId: `user:${user.id}`,
        role: user.role,
        principal: user.name,
        tenant: user.tenant,
        team: user.team,
      };
      via = { kind: 'user', name: user.name };
    }
    limiter.succeed(c.get('clientIp'));
    const { token, expiresAt } = sessions.open(principal, via);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c, ctx.config.server.trusted_proxies),
      path: '/',
      expires: new Date(expiresAt),
    });
    await ctx.audit.record({
      actor: `${principal.role}:${principal.principal}`,
      action: 'session.create',
      target: via.kind,
      details: { key_id: principal.keyId },
    });
    return c.json(describe(principal));
  });

  app.get('/v1/session', requirePermission('events:read', ctx.authenticators), (c) =>
    c.json(describe(c.get('principal'))),
  );

  app.delete('/v1/session', (c) => {
    if (!isSameOrigin(c)) return sendError(c, 403, 'forbidden', 'cross-origin request refused');
    sessions.close(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
}
