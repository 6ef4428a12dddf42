import type { Context, MiddlewareHandler } from 'hono';
import type { Principal } from '../auth/api-keys.js';
import { can, type Permission } from '../auth/roles.js';
import type { AppEnv } from './env.js';
import { sendError } from './errors.js';

/** Something that can recognise a caller: API key header, dashboard session cookie, ... */
export type Authenticator = (c: Context<AppEnv>) => Principal | undefined | Promise<Principal | undefined>;

export function presentedKey(c: Context): string | undefined {
  return keyFromHeaders(c.req.header('authorization'), c.req.header('x-api-key'));
}

/** The API key a caller presents: `Authorization: Bearer KEY`, else `x-api-key` (Anthropic SDKs). */
export function keyFromHeaders(
  authorization: string | undefined,
  xApiKey: string | undefined,
): string | undefined {
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    return m ? m[1] : undefined;
  }
  return xApiKey || undefined;
}

export interface AuthFailure {
  reason: 'missing' | 'invalid' | 'forbidden';
  permission: Permission;
  path: string;
  principal?: Principal;
}

/**
 * Requires a recognised caller holding `permission`. 401 names no reason beyond "missing or
 * invalid", so probing cannot tell a revoked key from a made-up one.
 */
export function requirePermission(
  permission: Permission,
  authenticators: readonly Authenticator[],
  onFailure?: (c: Context<AppEnv>, f: AuthFailure) => void,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let principal = c.get('principal') as Principal | undefined;
    if (!principal) {
      for (const a of authenticators) {
        principal = await a(c);
        if (principal) break;
      }
    }
    if (!principal) {
      onFailure?.(c, { reason: presentedKey(c) ? 'invalid' : 'missing', permission, path: c.req.path });
      c.header('WWW-Authenticate', 'Bearer realm="sightline"');
      return sendError(c, 401, 'unauthorized', 'missing or invalid API key');
    }
    c.set('principal', principal);
    if (!can(principal.role, permission)) {
      onFailure?.(c, { reason: 'forbidden', permission, path: c.req.path, principal });
      return sendError(c, 403, 'forbidden', `role ${principal.role} lacks permission ${permission}`);
    }
    await next();
  };
}
