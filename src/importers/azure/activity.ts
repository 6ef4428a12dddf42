import { z } from 'zod';
import { attributes, clip, denial, isObject, schemaError, shortHash } from '../common.js';
import type { MapOutcome } from '../types.js';
import { accountName, type Fields } from './fields.js';

const activitySchema = z.object({
  time: z.string().min(1),
  operation: z.string().min(1),
});

/** Operations on a Cognitive Services account, by their path below `accounts/`. */
const ACTIONS: Record<string, { action: string; resource_type: string }> = {
  'deployments/write': { action: 'deployment.update', resource_type: 'deployment' },
  'deployments/delete': { action: 'deployment.delete', resource_type: 'deployment' },
  'raipolicies/write': { action: 'content_filter.update', resource_type: 'guardrail' },
  'raipolicies/delete': { action: 'content_filter.delete', resource_type: 'guardrail' },
  'raiblocklists/write': { action: 'content_filter_blocklist.update', resource_type: 'guardrail' },
  'raiblocklists/delete': { action: 'content_filter_blocklist.delete', resource_type: 'guardrail' },
  write: { action: 'account.update', resource_type: 'account' },
  delete: { action: 'account.delete', resource_type: 'account' },
  'listkeys/action': { action: 'key.list', resource_type: 'key' },
  'regeneratekey/action': { action: 'key.regenerate', resource_type: 'key' },
};

const PERMISSIONS: Record<string, string> = {
  'microsoft.authorization/roleassignments/write': 'permission.grant',
  'microsoft.authorization/roleassignments/delete': 'permission.revoke',
};

/** Activity Log records report an operation's start and its outcome; the outcome is imported. */
const LIFECYCLE_ONLY = new Set(['start', 'started', 'accept', 'accepted']);

const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';

/**
 * Azure Activity Log entries for Microsoft.CognitiveServices accounts, from a storage or Event
 * Hubs export, the `AzureActivity` table, or `az monitor activity-log list`.
 */
export function mapActivity(f: Fields): MapOutcome {
  const head = activitySchema.safeParse({
    time: f.str('time', 'eventTimestamp', 'TimeGenerated'),
    operation: f.str('operationName', 'OperationNameValue'),
  });
  if (!head.success) return schemaError('Azure Activity Log record', head.error);
  const operation = head.data.operation.toLowerCase();
  const resourceId = f.str('resourceId', '_ResourceId', 'ResourceId');
  const onAccount = /\/providers\/microsoft\.cognitiveservices\//i.test(resourceId ?? '');
  const status = (f.str('resultType', 'status', 'ActivityStatusValue') ?? '').toLowerCase();
  if (!operation.startsWith('microsoft.cognitiveservices/') && !(onAccount && PERMISSIONS[operation]))
    return { skip: 'Activity Log operation outside Microsoft.CognitiveServices' };
  if (LIFECYCLE_ONLY.has(status)) return { skip: 'Activity Log start entry (its outcome entry is imported)' };

  const props = f.obj('properties', 'Properties') ?? {};
  const claims =
    f.obj('claims') ??
    (isObject(f.obj('identity')?.claims) ? (f.obj('identity')!.claims as Record<string, unknown>) : {});
  const who = identityOf(f, claims);
  const account = accountName(resourceId);
  const failed = status === 'failure' || status === 'failed';
  const statusCode = String(props.statusCode ?? f.str('subStatus') ?? '');
  const denied =
    failed && /forbidden|unauthorized|authorizationfailed/i.test(`${statusCode} ${JSON.stringify(props)}`);
  const key =
    f.str('eventDataId', 'EventDataId') ??
    `${f.str('correlationId', 'CorrelationId')}|${operation}|${status}|${head.data.time}`;
  const base = {
    ts: head.data.time,
    caller: clip(who.caller),
    auth_method: who.method,
    source_ip: (
      f.str('callerIpAddress', 'CallerIpAddress') ??
      nested(f.get('httpRequest'), 'clientIpAddress') ??
      str(claims.ipaddr)
    )?.slice(0, 64),
    provider: 'azure-openai',
    region: clip(f.str('location')),
    error_code: failed ? clip(statusCode || 'Failed') : undefined,
    attributes: attributes({
      'azure.category': f.str('category') ?? 'Administrative',
      'azure.operation': operation,
      'azure.account': account,
      'azure.resource_id': resourceId,
      'azure.correlation_id': f.str('correlationId', 'CorrelationId'),
      'azure.subscription_id': f.str('subscriptionId', 'SubscriptionId'),
      'azure.app_id': str(claims.appid),
    }),
  };
  if (denied) return { key, events: [denial(base, resourceId, statusCode || 'Forbidden')] };
  const rest = operation.replace(/^microsoft\.cognitiveservices\/accounts\/?/, '');
  const known = PERMISSIONS[operation]
    ? { action: PERMISSIONS[operation]!, resource_type: 'permission' }
    : (ACTIONS[rest] ?? { action: genericAction(rest), resource_type: undefined });
  return {
    key,
    events: [
      {
        ...base,
        kind: 'control',
        status: failed ? 'error' : 'ok',
        control: {
          actor: clip(who.caller),
          action: known.action,
          resource: clip(resourceId),
          resource_type: known.resource_type,
          after_hash: shortHash(props.requestbody ?? props.requestBody),
        },
      },
    ],
  };
}

/** `connections/write` → `connections.update`; `projects/agents/action` → `projects_agents.action`. */
function genericAction(rest: string): string {
  const parts = rest.split('/');
  const verb = parts.pop() ?? 'action';
  const noun = parts.join('_') || 'account';
  return `${noun}.${verb === 'write' ? 'update' : verb}`;
}

/**
 * Managed identities carry `xms_mirid`; service principals authenticate as apps (`idtyp: app`, or
 * a bare application id as caller); people have a UPN.
 */
function identityOf(f: Fields, claims: Record<string, unknown>): { caller?: string; method?: string } {
  const caller = f.str('caller', 'Caller') ?? str(claims[UPN]) ?? str(claims[NAME]) ?? str(claims.appid);
  if (claims.xms_mirid !== undefined) return { caller, method: 'managed_identity' };
  if (claims.idtyp === 'app' || (caller && /^[0-9a-f-]{36}$/i.test(caller)))
    return { caller, method: 'service_principal' };
  if (caller) return { caller, method: 'entra_user' };
  return {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function nested(v: unknown, key: string): string | undefined {
  return isObject(v) ? str(v[key]) : undefined;
}
