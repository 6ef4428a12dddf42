import type { Principal } from '../auth/api-keys.js';
import type { GatewayRecorder } from './recorder.js';

/**
 * A refused caller is a security signal (stolen or revoked keys, a blocked identity retrying):
 * recorded as an `auth` denial with the reason, never with the presented key.
 */
export function recordDenied(
  recorder: GatewayRecorder,
  d: { principal?: Principal; sourceIp?: string; userAgent?: string; reason: string; resource: string },
): void {
  recorder.add(d.principal?.tenant, [
    {
      ts: new Date().toISOString(),
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
  ]);
}
