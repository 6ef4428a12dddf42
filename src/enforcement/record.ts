import type { ServerContext } from '../server-context.js';
import type { EnforcementEntry } from './types.js';

/**
 * Every change to the enforcement list is both audited (who did it) and a `control` event (so the
 * rules and the dashboard's change log see response actions next to configuration changes).
 */
export async function recordEnforcementChange(
  ctx: Pick<ServerContext, 'audit' | 'ingestor' | 'log'>,
  change: 'add' | 'remove',
  entry: EnforcementEntry,
  actor: string,
): Promise<void> {
  const action = `enforcement.${change === 'add' ? entry.type : 'remove'}`;
  await ctx.audit.record({
    actor,
    action,
    target: entry.id,
    details: { type: entry.type, expires_at: entry.expires_at, alert_id: entry.alert_id ?? null },
  });
  await ctx.ingestor
    .ingest(
      [
        {
          kind: 'control',
          source: 'sightline',
          caller: actor,
          status: 'ok',
          control: { actor, action, resource: entry.target.slice(0, 512), resource_type: 'enforcement' },
          attributes: { enforcement_id: entry.id, expires_at: entry.expires_at },
        },
      ],
      { source: 'sightline' },
    )
    .catch((e: unknown) =>
      ctx.log.warn('could not record enforcement change', { error: e instanceof Error ? e.name : 'unknown' }),
    );
}
