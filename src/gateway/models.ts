import type { Context } from 'hono';
import type { AppEnv } from '../api/env.js';
import { presentedKey } from '../api/auth-middleware.js';
import { can } from '../auth/roles.js';
import { gatewayError } from './errors.js';
import type { GatewayDeps } from './handler.js';
import { sendUpstream } from './upstream-client.js';
import { upstreamHeaders, upstreamUrl } from './upstreams.js';

/**
 * `GET /v1/models`: the models of every OpenAI-compatible upstream, merged, plus the literal model
 * names in the routing table (so Anthropic and Azure deployments are listed too).
 */
export function modelsHandler(deps: GatewayDeps) {
  return async (c: Context<AppEnv>) => {
    const principal = deps.ctx.apiKeys.verify(presentedKey(c));
    if (!principal || !can(principal.role, 'gateway:invoke'))
      return gatewayError(c, 'openai', 401, 'missing or invalid API key', 'invalid_api_key');
    const seen = new Map<string, { id: string; object: 'model'; created: number; owned_by: string }>();
    for (const u of deps.router.all()) {
      for (const m of u.models)
        if (!m.includes('*')) seen.set(m, { id: m, object: 'model', created: 0, owned_by: u.name });
      if (u.kind !== 'openai') continue;
      try {
        // Same connection pool as the proxied calls; a listing waits 10 s at most and is not retried.
        const res = await sendUpstream(
          deps.agents,
          { ...u, timeout_ms: Math.min(u.timeout_ms, 10_000), retries: 0 },
          upstreamUrl(u, '/models', undefined),
          { method: 'GET', headers: upstreamHeaders(u, undefined) },
          AbortSignal.timeout(10_000),
        );
        let body: { data?: { id?: unknown; created?: unknown }[] };
        try {
          if (res.status < 200 || res.status >= 300) {
            res.body.resume();
            continue;
          }
          body = (await res.json()) as typeof body;
        } finally {
          res.settle();
        }
        for (const m of body.data ?? [])
          if (typeof m.id === 'string')
            seen.set(m.id, {
              id: m.id,
              object: 'model',
              created: typeof m.created === 'number' ? m.created : 0,
              owned_by: u.name,
            });
      } catch {
        // an unreachable upstream leaves its configured names in the list
      }
    }
    return c.json({ object: 'list', data: [...seen.values()] });
  };
}
