import type { Principal } from '../auth/api-keys.js';
import type { ServerContext } from '../server-context.js';

/**
 * A refused caller is a security signal (stolen or revoked keys, a blocked identity retrying):
 * recorded as an `auth` denial with the reason, never with the presented key.
 */
export function recordDenied(
  ctx: ServerContext,
  d: { principal?: Principal; sourceIp?: string; userAgent?: string; reason: string; resource: string },
): void {
  ctx.ingestor
    .ingest(
      [
        {
          kind: 'auth',
          source: 'gateway',
          caller: d.principal?.principal,
          team: d.principal?.team,
          source_ip: d.sourceIp || undefined,
          user_agent: d.userAgent,
          status: 'denied',
          auth: {
            outcome: 'denied',
            method: 'api_key',
            resource: d.resource.slice(0, 512),
            reason: d.reason,
          },
        },
      ],
      { source: 'gateway', tenant: d.principal?.tenant },
    )
    .catch((e: unknown) =>
      ctx.log.warn('could not record gateway denial', { error: e instanceof Error ? e.name : 'unknown' }),
    );
}
