import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Authenticator } from '../api/auth-middleware.js';
import type { AppEnv } from '../api/env.js';
import type { Principal } from '../auth/api-keys.js';
import type { ServerContext } from '../server-context.js';
import { isSameOrigin, isUnsafeMethod } from './origin.js';

export const SESSION_COOKIE = 'sl_session';

interface Session {
  principal: Principal;
  /** How the session was opened, so each request can re-check that credential is still valid. */
  via: { kind: 'user'; name: string } | { kind: 'api_key'; keyId: string };
  expiresAt: number;
}

const MAX_SESSIONS = 10_000;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Server-side sessions in memory, keyed by the SHA-256 of the cookie value: a restart signs
 * everyone out, and a memory dump holds no usable token.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ttlMs: number) {}

  open(principal: Principal, via: Session['via'], now = Date.now()): { token: string; expiresAt: number } {
    this.sweep(now);
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.ttlMs;
    this.sessions.set(hash(token), { principal, via, expiresAt });
    return { token, expiresAt };
  }

  get(token: string | undefined, now = Date.now()): Session | undefined {
    if (!token || token.length > 100) return undefined;
    const s = this.sessions.get(hash(token));
    if (!s) return undefined;
    if (s.expiresAt <= now) {
      this.sessions.delete(hash(token));
      return undefined;
    }
    return s;
  }

  close(token: string | undefined): void {
    if (token) this.sessions.delete(hash(token));
  }

  private sweep(now: number): void {
    for (const [k, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(k);
  }
}

/**
 * Recognises the session cookie. A state-changing request must also come from our own origin:
 * SameSite=Strict already keeps the cookie off cross-site requests, the Origin check covers
 * same-site sibling hosts and older browsers.
 */
export function sessionAuthenticator(ctx: ServerContext, sessions: SessionStore): Authenticator {
  return async (c: Context<AppEnv>) => {
    const token = getCookie(c, SESSION_COOKIE);
    const s = sessions.get(token);
    if (!s) return undefined;
    if (isUnsafeMethod(c.req.method) && !isSameOrigin(c)) return undefined;
    if (s.via.kind === 'api_key') {
      const keyId = s.via.keyId;
      const rec = ctx.apiKeys.list().find((k) => k.id === keyId);
      if (!rec || rec.revoked_at || (rec.expires_at && Date.parse(rec.expires_at) <= Date.now())) {
        sessions.close(token);
        return undefined;
      }
    } else {
      const user = await ctx.store.getUser(s.via.name);
      if (!user || user.disabled_at || user.role !== s.principal.role) {
        sessions.close(token);
        return undefined;
      }
    }
    return s.principal;
  };
}
