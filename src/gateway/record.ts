import { contentWithinBounds } from '../events/content-bounds.js';
import type { EventContent, EventInput, GuardrailAction } from '../events/schema.js';
import type { Principal } from '../auth/api-keys.js';
import type { KnownScan } from '../pipeline/known-findings.js';
import type { GatewayRecorder } from './recorder.js';

export interface CallRecord {
  /** When the request arrived (events are batched, so the pipeline's clock would be late). */
  ts?: string;
  principal?: Principal;
  policy?: string;
  sourceIp?: string;
  userAgent?: string;
  provider?: string;
  model?: string;
  operation: string;
  status: 'ok' | 'error' | 'denied' | 'blocked';
  errorCode?: string;
  latencyMs: number;
  ttftMs?: number;
  stream: boolean;
  inputTokens?: number;
  outputTokens?: number;
  tokensEstimated?: boolean;
  finishReason?: string;
  guardrailAction: GuardrailAction;
  content?: EventContent;
  guardrails: {
    stage: 'input' | 'output';
    action: GuardrailAction;
    categories: string[];
    confidence: number;
  }[];
  traceId?: string;
  /** Texts of `content` the gateway scanned already, with their findings (spares the pipeline). */
  known?: KnownScan[];
}

/**
 * Writes what the gateway saw: one `llm.call` per request plus a `guardrail` event per decision
 * that was not `allow`, through the batching recorder: the caller never waits for the pipeline or
 * the store, and a failure to record is logged (without content), never surfaced to the caller.
 */
export function recordCall(recorder: GatewayRecorder, r: CallRecord): void {
  const common = {
    ts: r.ts,
    source: 'gateway' as const,
    caller: r.principal?.principal,
    team: r.principal?.team,
    auth_method: 'api_key',
    source_ip: r.sourceIp || undefined,
    user_agent: r.userAgent,
    provider: r.provider,
    model: r.model?.slice(0, 512),
    trace_id: r.traceId,
  };
  const inputs: EventInput[] = [
    {
      ...common,
      kind: 'llm.call',
      status: r.status,
      error_code: r.errorCode,
      latency_ms: Math.round(r.latencyMs * 1000) / 1000,
      llm: {
        operation: r.operation,
        input_tokens: r.inputTokens,
        output_tokens: r.outputTokens,
        tokens_estimated: r.tokensEstimated || undefined,
        ttft_ms: r.ttftMs === undefined ? undefined : Math.round(r.ttftMs * 1000) / 1000,
        stream: r.stream,
        finish_reason: r.finishReason,
        guardrail_action: r.guardrailAction,
      },
      ...(r.policy ? { attributes: { policy: r.policy } } : {}),
      content: r.content,
    },
    ...r.guardrails.map((g): EventInput => ({
      ...common,
      kind: 'guardrail',
      status: g.action === 'block' ? 'blocked' : 'ok',
      guardrail: {
        policy: r.policy,
        action: g.action,
        stage: g.stage,
        categories: g.categories,
        confidence: g.confidence,
      },
    })),
  ];
  // Content beyond the schema's bounds (a 2 MB prompt) must not cost the metadata record: checked
  // here, where the record can still go without it (the ingest worker validates the rest).
  const valid =
    r.content && !contentWithinBounds(r.content)
      ? inputs.map((i) => ({
          ...i,
          content: undefined,
          attributes: { ...i.attributes, content_dropped: 'too large' },
        }))
      : inputs;
  recorder.add(r.principal?.tenant, valid, valid === inputs ? r.known : undefined);
}
