import { isIP } from 'node:net';
import { recordEnforcementChange } from '../enforcement/record.js';
import type { RuleAction, Rule } from '../rules/schema.js';
import type { ServerContext } from '../server-context.js';
import type { AlertAction, AlertRecord } from '../store/alert-types.js';

type Ctx = Pick<ServerContext, 'enforcement' | 'audit' | 'ingestor' | 'log'>;

/** Which alert entity an action can target: identities for blocks and limits, addresses for block_ip. */
function targetOf(action: RuleAction, alert: AlertRecord): string | Error {
  const { type, value } = alert.entity;
  if (action.type === 'block_ip')
    return isIP(value) ? value : new Error(`entity ${type} is not an IP address`);
  if (type === 'source_ip') return new Error('entity is an address, not an identity');
  return value;
}

/**
 * Applies a rule's response actions for a new alert: each goes to the gateway's enforcement list
 * with its expiry and is recorded as a `control` event. In dry-run the action is only recorded.
 */
export async function respond(
  ctx: Ctx,
  alert: AlertRecord,
  rule: Rule,
  dryRunAll: boolean,
  now = Date.now(),
): Promise<AlertAction[]> {
  const out: AlertAction[] = [];
  const actor = `rule:${rule.id}`;
  for (const action of rule.actions) {
    const expires_at = new Date(now + action.ttl).toISOString();
    const dry_run = action.dry_run ?? dryRunAll;
    const target = targetOf(action, alert);
    if (target instanceof Error) {
      out.push({ type: action.type, target: '', expires_at, dry_run, error: target.message });
      continue;
    }
    if (dry_run) {
      out.push({ type: action.type, target, expires_at, dry_run });
      await ctx.ingestor
        .ingest(
          [
            {
              kind: 'control',
              source: 'sightline',
              caller: actor,
              status: 'ok',
              control: {
                actor,
                action: `enforcement.dry_run.${action.type}`,
                resource: target.slice(0, 512),
                resource_type: 'enforcement',
              },
              attributes: { alert_id: alert.id, expires_at, dry_run: true },
            },
          ],
          { source: 'sightline' },
        )
        .catch(() => ctx.log.warn('could not record dry-run action', { rule: rule.id }));
      continue;
    }
    try {
      const entry = await ctx.enforcement.add({
        type: action.type,
        target,
        ...(action.limit_rpm !== undefined ? { limit_rpm: action.limit_rpm } : {}),
        reason: `${rule.id}: ${rule.name}`,
        created_by: actor,
        expires_at,
        alert_id: alert.id,
      });
      await recordEnforcementChange(ctx, 'add', entry, actor);
      out.push({ type: action.type, target, expires_at, dry_run, enforcement_id: entry.id });
    } catch (e) {
      out.push({ type: action.type, target, expires_at, dry_run, error: (e as Error).name });
    }
  }
  return out;
}
