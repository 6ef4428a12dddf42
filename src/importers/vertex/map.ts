import {
  attributes,
  clip,
  denial,
  isObject,
  nonNegativeInt,
  schemaError,
  shortHash,
  snake,
} from '../common.js';
import type { Importer, MapOutcome, MappedEvent } from '../types.js';
import { auditLogEntrySchema, type AuditLogEntry } from './schema.js';

const INFERENCE: Record<string, { operation: string; stream?: boolean }> = {
  Predict: { operation: 'predict' },
  RawPredict: { operation: 'predict' },
  DirectPredict: { operation: 'predict' },
  DirectRawPredict: { operation: 'predict' },
  StreamRawPredict: { operation: 'predict', stream: true },
  ServerStreamingPredict: { operation: 'predict', stream: true },
  StreamingPredict: { operation: 'predict', stream: true },
  GenerateContent: { operation: 'chat' },
  StreamGenerateContent: { operation: 'chat', stream: true },
  ChatCompletions: { operation: 'chat' },
  Embed: { operation: 'embeddings' },
  Explain: { operation: 'explain' },
  CountTokens: { operation: 'count_tokens' },
  ComputeTokens: { operation: 'count_tokens' },
};

/** gRPC status codes that mean the caller was refused, not that the call failed. */
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;

const VERBS =
  /^(Create|Update|Delete|Deploy|Undeploy|Upload|Patch|Mutate|Get|List|Import|Export|Copy|Merge|Set|Cancel)(.*)$/;

/** GCP Cloud Audit Logs (Admin Activity and Data Access) of Vertex AI, `aiplatform.googleapis.com`. */
export const vertexImporter: Importer = {
  source: 'vertex',
  records(value) {
    if (Array.isArray(value)) return value; // gcloud logging read --format=json
    if (isObject(value) && Array.isArray(value.entries)) return value.entries; // entries.list
    return [value];
  },
  map(record): MapOutcome {
    const parsed = auditLogEntrySchema.safeParse(record);
    if (!parsed.success) return schemaError('Cloud Audit Logs entry', parsed.error);
    const e = parsed.data;
    if (e.protoPayload.serviceName !== 'aiplatform.googleapis.com')
      return { skip: `service ${e.protoPayload.serviceName.slice(0, 64)} is not Vertex AI` };
    const key = e.insertId ? `${e.logName ?? ''}|${e.insertId}|${e.timestamp}` : undefined;
    return { events: [mapEntry(e)], key };
  },
};

export function mapEntry(e: AuditLogEntry): MappedEvent {
  const p = e.protoPayload;
  // google.cloud.aiplatform.v1beta1.PredictionService.GenerateContent → PredictionService, GenerateContent
  const parts = p.methodName.split('.');
  const method = parts[parts.length - 1] ?? p.methodName;
  const service = parts[parts.length - 2] ?? '';
  const who = identityOf(e);
  const labels = e.resource?.labels ?? {};
  const resourceName = p.resourceName ?? p.authorizationInfo?.[0]?.resource;
  const model = modelOf(resourceName, p.request);
  const endpoint = /\/endpoints\/([^/:]+)/.exec(resourceName ?? '')?.[1];
  const code = p.status?.code;
  const base = {
    ts: e.timestamp,
    caller: clip(who.caller),
    auth_method: who.method,
    source_ip: p.requestMetadata?.callerIp?.slice(0, 64),
    user_agent: clip(p.requestMetadata?.callerSuppliedUserAgent),
    provider: 'gcp-vertex',
    model: clip(model),
    deployment: clip(endpoint),
    region: clip(labels.location ?? /\/locations\/([^/]+)/.exec(resourceName ?? '')?.[1]),
    error_code: code ? String(code) : undefined,
    attributes: attributes({
      'gcp.project': labels.project_id ?? /^projects\/([^/]+)/.exec(resourceName ?? '')?.[1],
      'gcp.method': p.methodName,
      'gcp.resource_name': resourceName,
      'gcp.resource_type': e.resource?.type,
      'gcp.log_type': /cloudaudit\.googleapis\.com%2F([a-z_]+)/.exec(e.logName ?? '')?.[1],
      'gcp.permission': p.authorizationInfo?.[0]?.permission,
      // The key's resource name, not key material: a user-managed key is a long-lived credential.
      'gcp.service_account_key': p.authenticationInfo?.serviceAccountKeyName,
      'gcp.delegated': p.authenticationInfo?.serviceAccountDelegationInfo?.length ? true : undefined,
    }),
  };
  if (code === PERMISSION_DENIED || code === UNAUTHENTICATED) {
    const reason = code === PERMISSION_DENIED ? 'PERMISSION_DENIED' : 'UNAUTHENTICATED';
    return denial(base, resourceName, p.status?.message ?? reason);
  }
  const status = code ? ('error' as const) : undefined;
  const inference = service === 'PredictionService' ? INFERENCE[method] : undefined;
  if (inference) {
    const usage = isObject(p.response?.usageMetadata) ? p.response.usageMetadata : undefined;
    return {
      ...base,
      kind: 'llm.call',
      status,
      llm: {
        operation: inference.operation,
        stream: inference.stream,
        input_tokens: nonNegativeInt(usage?.promptTokenCount),
        output_tokens: nonNegativeInt(usage?.candidatesTokenCount),
      },
    };
  }
  return {
    ...base,
    kind: 'control',
    status,
    control: {
      actor: clip(who.caller),
      ...controlAction(service, method),
      resource: clip(resourceName),
      after_hash: /^(Get|List)/.test(method) ? undefined : shortHash(p.request),
    },
  };
}

/** `EndpointService.DeployModel` → `endpoint.deploy`; `ModelService.UploadModel` → `model.upload`. */
function controlAction(service: string, method: string): { action: string; resource_type?: string } {
  const resource = snake(service.replace(/Service$/, '')) || 'vertex';
  const m = VERBS.exec(method);
  if (!m) return { action: `${resource}.${snake(method)}`, resource_type: resource };
  const verb = m[1]!.toLowerCase();
  const noun = snake(m[2]!.replace(/s$/, ''));
  // DeployModel on an endpoint changes the endpoint; CreateEndpoint names its own resource.
  const target =
    noun === resource || noun === '' || verb === 'deploy' || verb === 'undeploy' ? resource : noun;
  return { action: `${target}.${verb}`, resource_type: target };
}

/** Publisher models (`publishers/google/models/gemini-1.5-pro`) and uploaded models by id. */
function modelOf(
  resourceName: string | undefined,
  request: Record<string, unknown> | undefined,
): string | undefined {
  const fromName = /\/models\/([^/:]+)/.exec(resourceName ?? '')?.[1];
  if (fromName) return fromName;
  const m = typeof request?.model === 'string' ? request.model : undefined;
  return m ? (/\/models\/([^/:]+)/.exec(m)?.[1] ?? m) : undefined;
}

/** Service-account keys are what leaks; impersonation and user accounts are told apart. */
function identityOf(e: AuditLogEntry): { caller?: string; method?: string } {
  const a = e.protoPayload.authenticationInfo;
  const caller = a?.principalEmail ?? a?.principalSubject;
  if (!a) return {};
  if (a.serviceAccountKeyName) return { caller, method: 'gcp_service_account_key' };
  if (a.serviceAccountDelegationInfo?.length) return { caller, method: 'gcp_impersonation' };
  if (caller?.endsWith('.gserviceaccount.com')) return { caller, method: 'gcp_service_account' };
  return { caller, method: caller ? 'gcp_user' : undefined };
}
