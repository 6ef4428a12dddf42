import type { EventContent } from '../../events/schema.js';
import {
  attributes,
  clip,
  clipContent,
  cloudWatchMessages,
  isDenial,
  nonNegativeInt,
  schemaError,
} from '../common.js';
import type { Importer, MappedEvent } from '../types.js';
import { readInput, readOutput, type InputView, type OutputView } from './bodies.js';
import { splitModelId } from './model-id.js';
import { invocationLogSchema, type InvocationLog } from './schema.js';

const OPERATIONS: Record<string, { operation: string; stream: boolean }> = {
  Converse: { operation: 'chat', stream: false },
  ConverseStream: { operation: 'chat', stream: true },
  InvokeModel: { operation: 'invoke', stream: false },
  InvokeModelWithResponseStream: { operation: 'invoke', stream: true },
  InvokeModelWithBidirectionalStream: { operation: 'invoke', stream: true },
};

/** Bedrock model invocation logs (S3 objects, CloudWatch Logs exports or subscriptions). */
export const bedrockImporter: Importer = {
  source: 'bedrock',
  records(value) {
    return cloudWatchMessages(value) ?? (Array.isArray(value) ? value : [value]);
  },
  map(record) {
    const parsed = invocationLogSchema.safeParse(record);
    if (!parsed.success) return schemaError('Bedrock ModelInvocationLog', parsed.error);
    return { events: [mapInvocation(parsed.data)], key: parsed.data.requestId };
  },
};

export function mapInvocation(log: InvocationLog): MappedEvent {
  const { model, deployment, vendor } = splitModelId(log.modelId);
  const op = OPERATIONS[log.operation ?? ''];
  const input = readInput(log.input?.inputBodyJson);
  const output = readOutput(log.output?.outputBodyJson);
  const denied = isDenial(log.errorCode);
  const embedding = /embed/i.test(model);
  return {
    ts: log.timestamp,
    kind: 'llm.call',
    caller: clip(log.identity?.arn),
    auth_method: authMethod(log.identity?.arn),
    provider: 'aws-bedrock',
    model: clip(model),
    deployment: clip(deployment),
    region: clip(log.region),
    status: denied ? 'denied' : log.errorCode ? 'error' : undefined,
    error_code: clip(log.errorCode),
    latency_ms: output.latencyMs,
    llm: {
      operation: embedding ? 'embeddings' : (op?.operation ?? clip(log.operation)),
      input_tokens: nonNegativeInt(log.input?.inputTokenCount) ?? output.inputTokens,
      output_tokens: nonNegativeInt(log.output?.outputTokenCount) ?? output.outputTokens,
      ttft_ms: output.ttftMs,
      stream: op?.stream,
      finish_reason: clip(output.finishReason),
      guardrail_action:
        output.guardrail === 'intervened' ? 'block' : output.guardrail === 'none' ? 'allow' : undefined,
      content_filter: output.guardrail === 'intervened' ? 'guardrail_intervened' : undefined,
    },
    attributes: attributes({
      'aws.account_id': log.accountId,
      'aws.request_id': log.requestId,
      'aws.operation': log.operation,
      'bedrock.model_id': log.modelId,
      'bedrock.vendor': vendor,
      'bedrock.inference_region': log.inferenceRegion,
      'bedrock.guardrail_id': input.guardrailId,
      'bedrock.guardrail_version': input.guardrailVersion,
      // Large bodies are delivered to S3 instead of the log: the event says where, not what.
      'bedrock.input_body_s3': log.input?.inputBodyS3Path,
      'bedrock.output_body_s3': log.output?.outputBodyS3Path,
      'bedrock.input_shape': log.input?.inputBodyJson !== undefined ? (input.shape ?? 'unknown') : undefined,
      'bedrock.output_shape':
        log.output?.outputBodyJson !== undefined ? (output.shape ?? 'unknown') : undefined,
    }),
    content: content(input, output),
  };
}

/** `assumed-role` sessions carry temporary credentials; `user/` ARNs are long-lived IAM users. */
function authMethod(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  if (arn.includes(':assumed-role/')) return 'aws_assumed_role';
  if (/:user\//.test(arn)) return 'aws_iam_user';
  if (arn.endsWith(':root')) return 'aws_root';
  return 'aws_iam';
}

function content(input: InputView, output: OutputView): EventContent | undefined {
  const c: EventContent = {};
  if (input.messages?.length)
    c.messages = input.messages.slice(-1000).map((m) => ({ role: m.role, content: clipContent(m.content) }));
  if (input.prompt) c.prompt = clipContent(input.prompt);
  if (input.system) c.system_prompt = clipContent(input.system);
  if (output.response) c.response = clipContent(output.response);
  return Object.keys(c).length ? c : undefined;
}
