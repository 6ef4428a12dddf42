import {
  attributes,
  clip,
  denial,
  cloudWatchMessages,
  isDenial,
  isObject,
  schemaError,
  shortHash,
  snake,
} from '../common.js';
import { splitModelId } from '../bedrock/model-id.js';
import type { Importer, MapOutcome, MappedEvent } from '../types.js';
import { controlAction, DATA_EVENTS } from './operations.js';
import { cloudTrailRecordSchema, type CloudTrailRecord } from './schema.js';

/** Event sources of AWS's generative AI services; other services' records are counted and skipped. */
const AI_SOURCES = new Set([
  'bedrock.amazonaws.com',
  'bedrock-agentcore.amazonaws.com',
  'qbusiness.amazonaws.com',
  'q.amazonaws.com',
]);

/** Where a record names its target, most specific first: ids, then ARNs of what was created, then names. */
const ID_FIELDS = ['guardrailIdentifier', 'guardrailId', 'agentId', 'knowledgeBaseId', 'provisionedModelId'];
const NAME_FIELDS = ['modelId', 'modelIdentifier', 'provisionedModelName', 'modelName', 'jobName', 'name'];

/** CloudTrail files (`{"Records":[...]}`), one record per line, EventBridge events, CloudWatch exports. */
export const cloudTrailImporter: Importer = {
  source: 'cloudtrail',
  records(value) {
    if (isObject(value) && Array.isArray(value.Records)) return value.Records;
    const cw = cloudWatchMessages(value);
    if (cw) return cw;
    if (Array.isArray(value)) return value;
    // EventBridge delivers the record under `detail`.
    if (isObject(value) && value['detail-type'] !== undefined && isObject(value.detail))
      return [value.detail];
    return [value];
  },
  map(record): MapOutcome {
    const parsed = cloudTrailRecordSchema.safeParse(record);
    if (!parsed.success) return schemaError('CloudTrail record', parsed.error);
    const r = parsed.data;
    if (!AI_SOURCES.has(r.eventSource))
      return { skip: `event source ${r.eventSource.slice(0, 64)} is not an AI service` };
    return { events: [mapRecord(r)], key: r.eventID };
  },
};

export function mapRecord(r: CloudTrailRecord): MappedEvent {
  const params = r.requestParameters ?? {};
  const caller = clip(r.userIdentity?.arn ?? r.userIdentity?.principalId ?? r.userIdentity?.invokedBy);
  const modelId = typeof params.modelId === 'string' ? params.modelId : undefined;
  const split = modelId ? splitModelId(modelId) : undefined;
  const resource = clip(resourceOf(r));
  const base = {
    ts: r.eventTime,
    caller,
    auth_method: authMethod(r),
    source_ip: r.sourceIPAddress?.slice(0, 64),
    user_agent: clip(r.userAgent),
    provider: 'aws-bedrock',
    model: clip(split?.model),
    deployment: clip(split?.deployment),
    region: clip(r.awsRegion),
    error_code: clip(r.errorCode),
    attributes: attributes({
      'aws.event_name': r.eventName,
      'aws.event_source': r.eventSource,
      'aws.event_category': r.eventCategory,
      'aws.request_id': r.requestID,
      'aws.account_id': r.recipientAccountId ?? r.userIdentity?.accountId,
      'aws.identity_type': r.userIdentity?.type,
      // An access key id names the credential (it is not the secret); rules track stolen keys by it.
      'aws.access_key_id': r.userIdentity?.accessKeyId,
      'aws.session_issuer': r.userIdentity?.sessionContext?.sessionIssuer?.arn,
      'aws.mfa': r.userIdentity?.sessionContext?.attributes?.mfaAuthenticated,
      'aws.read_only': r.readOnly,
      'bedrock.agent_id': typeof params.agentId === 'string' ? params.agentId : undefined,
      'bedrock.knowledge_base_id':
        typeof params.knowledgeBaseId === 'string' ? params.knowledgeBaseId : undefined,
    }),
  };
  if (isDenial(r.errorCode)) {
    const reason = r.errorMessage ? `${r.errorCode}: ${r.errorMessage}` : r.errorCode;
    return denial(base, resource ?? r.eventName, reason);
  }
  const status = r.errorCode ? ('error' as const) : undefined;
  const data = DATA_EVENTS[r.eventName];
  if (data?.kind === 'retrieval') {
    return {
      ...base,
      kind: 'retrieval',
      status,
      retrieval: { source: clip(params.knowledgeBaseId), user: caller },
    };
  }
  if (data) {
    return { ...base, kind: 'llm.call', status, llm: { operation: data.operation, stream: data.stream } };
  }
  const { action, resource_type } = controlAction(r.eventName);
  return {
    ...base,
    kind: 'control',
    status,
    control: {
      actor: caller,
      action,
      resource,
      resource_type,
      after_hash: r.readOnly ? undefined : shortHash(r.requestParameters ?? undefined),
    },
  };
}

function resourceOf(r: CloudTrailRecord): string | undefined {
  const params = r.requestParameters ?? {};
  const field = (names: string[]) =>
    names.map((f) => params[f]).find((v) => typeof v === 'string') as string | undefined;
  const resp = r.responseElements ?? {};
  const createdArn = Object.entries(resp).find(([k, v]) => /Arn$/.test(k) && typeof v === 'string')?.[1] as
    string | undefined;
  return field(ID_FIELDS) ?? r.resources?.find((x) => x.ARN)?.ARN ?? createdArn ?? field(NAME_FIELDS);
}

/**
 * How the caller authenticated: long-term access keys (AKIA…) are what gets stolen and replayed
 * from unusual places, temporary credentials (ASIA…) come from roles and sessions.
 */
function authMethod(r: CloudTrailRecord): string | undefined {
  const ui = r.userIdentity;
  if (!ui) return undefined;
  if (ui.type === 'AWSService') return 'aws_service';
  if (ui.type === 'Root') return 'aws_root';
  if (ui.accessKeyId?.startsWith('AKIA')) return 'aws_access_key';
  if (ui.accessKeyId?.startsWith('ASIA')) return 'aws_temporary_credentials';
  return ui.type ? `aws_${snake(ui.type)}` : undefined;
}
