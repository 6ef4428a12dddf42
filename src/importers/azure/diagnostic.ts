import { z } from 'zod';
import { attributes, clip, denial, isObject, nonNegativeInt, schemaError, snake } from '../common.js';
import type { MapOutcome, MappedEvent } from '../types.js';
import { accountName, type Fields } from './fields.js';

const diagnosticSchema = z.object({
  time: z.string().min(1),
  category: z.enum(['RequestResponse', 'Audit', 'Trace']),
  operationName: z.string().min(1),
});

const OPERATIONS: Record<string, string> = {
  chatcompletions_create: 'chat',
  completions_create: 'completion',
  embeddings_create: 'embeddings',
  responses_create: 'responses',
  imagegenerations_create: 'image',
  audiotranscriptions_create: 'transcription',
};

/**
 * Azure OpenAI resource logs (diagnostic setting categories RequestResponse, Audit, Trace).
 * RequestResponse is the inference call; Audit records key and management access; Trace is
 * service diagnostics, imported only when it shows a refused request.
 */
export function mapDiagnostic(f: Fields): MapOutcome {
  const head = diagnosticSchema.safeParse({
    time: f.str('time', 'TimeGenerated'),
    category: f.str('category', 'Category'),
    operationName: f.str('operationName', 'OperationName'),
  });
  if (!head.success) return schemaError('Azure OpenAI diagnostic log record', head.error);
  const { time, category, operationName } = head.data;
  const props = f.obj('properties', 'properties_s') ?? {};
  const resourceId = f.str('resourceId', '_ResourceId');
  const account = accountName(resourceId);
  const code = f.str('resultSignature');
  const httpStatus = code && /^\d{3}$/.test(code) ? Number(code) : undefined;
  const identity = authOf(f, props, account);
  const base = {
    ts: time,
    caller: clip(identity.caller),
    auth_method: identity.method,
    source_ip: f.str('callerIpAddress')?.slice(0, 64),
    user_agent: clip(props.userAgent),
    provider: 'azure-openai',
    model: clip(props.modelName),
    deployment: clip(props.modelDeploymentName),
    region: clip(f.str('location', 'Location')),
    latency_ms: nonNegativeInt(f.num('durationMs')),
    error_code: httpStatus && httpStatus >= 400 ? String(httpStatus) : undefined,
    attributes: attributes({
      'azure.category': category,
      'azure.operation': operationName,
      'azure.account': account,
      'azure.resource_id': resourceId,
      'azure.correlation_id': f.str('correlationId'),
      'azure.api_name': clip(props.apiName),
      'azure.model_version': clip(props.modelVersion),
      'azure.request_length': nonNegativeInt(props.requestLength),
      'azure.response_length': nonNegativeInt(props.responseLength),
      'azure.object_id': clip(props.objectId),
    }),
  };
  if (httpStatus === 401 || httpStatus === 403)
    return event(f, category, denial(base, account ?? resourceId, `HTTP ${httpStatus}`));
  if (category === 'Trace') return { skip: 'Azure Trace record without a refused request' };
  if (category === 'Audit') {
    const op = snake(operationName);
    return event(f, category, {
      ...base,
      kind: 'control',
      control: {
        actor: clip(identity.caller),
        action: /list_?keys?/.test(op)
          ? 'key.list'
          : /regenerate_?key/.test(op)
            ? 'key.regenerate'
            : `audit.${op}`,
        resource: clip(account ?? resourceId),
        resource_type: /key/.test(op) ? 'key' : 'account',
      },
    });
  }
  const usage = isObject(props.usage) ? props.usage : undefined;
  const filtered = httpStatus === 400 && JSON.stringify(props).includes('content_filter');
  return event(f, category, {
    ...base,
    kind: 'llm.call',
    status: filtered ? 'blocked' : httpStatus === undefined || httpStatus < 400 ? 'ok' : 'error',
    llm: {
      operation: OPERATIONS[operationName.toLowerCase()] ?? snake(operationName),
      stream:
        typeof props.streamType === 'string' ? props.streamType.toLowerCase() === 'streaming' : undefined,
      input_tokens: nonNegativeInt(usage?.prompt_tokens),
      output_tokens: nonNegativeInt(usage?.completion_tokens),
      guardrail_action: filtered ? 'block' : undefined,
      content_filter: filtered ? 'content_filter' : undefined,
    },
  });
}

function event(f: Fields, category: string, e: MappedEvent): MapOutcome {
  const correlation = f.str('correlationId');
  const key = correlation
    ? `${category}|${f.str('operationName')}|${correlation}|${f.str('time', 'TimeGenerated')}`
    : undefined;
  return { events: [e], key };
}

/**
 * Entra ID callers carry an object id (`properties.objectId`); managed identities add the
 * `xms_mirid` claim. A request without an object id used the account's API key, which every
 * holder shares: the caller is then the key of that account, not a person.
 */
function authOf(
  f: Fields,
  props: Record<string, unknown>,
  account: string | undefined,
): { caller?: string; method: string } {
  const claims = f.obj('identity')?.claim;
  const objectId = typeof props.objectId === 'string' && props.objectId ? props.objectId : undefined;
  if (isObject(claims) && claims.xms_mirid !== undefined)
    return { caller: objectId ?? clip(claims.xms_mirid), method: 'managed_identity' };
  if (objectId) return { caller: objectId, method: 'entra_id' };
  return { caller: account ? `api-key:${account}` : undefined, method: 'api_key' };
}
