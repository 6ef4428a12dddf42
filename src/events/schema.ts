import { z } from 'zod';

/**
 * The canonical event model. Every source (gateway, SDK, OTLP, importers, ingest API) maps into
 * `EventInput`; the pipeline turns it into a `SightlineEvent` (metadata tier) plus an optional
 * `EventContent` (content tier), which never share a table, a key or a code path after `route`.
 */

export const EVENT_KINDS = [
  'llm.call',
  'guardrail',
  'retrieval',
  'tool.call',
  'egress',
  'prompt.change',
  'control',
  'auth',
  'prediction',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const SOURCES = [
  'api',
  'gateway',
  'sdk',
  'otlp',
  'bedrock',
  'cloudtrail',
  'azure',
  'vertex',
  'sightline',
] as const;
export const GUARDRAIL_ACTIONS = ['allow', 'flag', 'redact', 'block'] as const;
export type GuardrailAction = (typeof GUARDRAIL_ACTIONS)[number];

// Bounded so that one hostile record cannot make the metadata tier a content store.
const shortText = z.string().max(512);
const idText = z.string().min(1).max(256);
const count = z.number().int().nonnegative().max(1e12);
const ms = z.number().nonnegative().max(1e9);
const unit = z.number().min(0).max(1);

const attributeValue = z.union([z.string().max(2048), z.number(), z.boolean(), z.null()]);
export const attributesSchema = z
  .record(z.string().max(128), attributeValue)
  .refine((a) => Object.keys(a).length <= 64, { message: 'at most 64 attributes' });

const timestamp = z.union([z.string().max(64), z.number().nonnegative()]).transform((v, ctx) => {
  const d = typeof v === 'number' ? new Date(v) : new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a valid ISO-8601 time or epoch milliseconds' });
    return z.NEVER;
  }
  return d.toISOString();
});

export const llmDetailsSchema = z
  .object({
    operation: shortText.optional(), // chat, completion, embeddings, responses, messages, invoke
    input_tokens: count.optional(),
    output_tokens: count.optional(),
    total_tokens: count.optional(),
    tokens_estimated: z.boolean().optional(),
    cost_usd: z.number().nonnegative().max(1e9).optional(),
    ttft_ms: ms.optional(),
    stream: z.boolean().optional(),
    finish_reason: shortText.optional(),
    guardrail_action: z.enum(GUARDRAIL_ACTIONS).optional(),
    content_filter: shortText.optional(), // provider's own filter verdict, e.g. "blocked"
    input_hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();

export const guardrailDetailsSchema = z
  .object({
    policy: shortText.optional(),
    action: z.enum(GUARDRAIL_ACTIONS),
    stage: z.enum(['input', 'output']).optional(),
    categories: z.array(shortText).max(64).optional(),
    confidence: unit.optional(),
  })
  .strict();

export const retrievalDetailsSchema = z
  .object({
    user: shortText.optional(),
    document_ids: z.array(shortText).max(256).optional(),
    source: shortText.optional(),
    similarity: z.array(z.number()).max(256).optional(),
    access_decision: z.enum(['allowed', 'denied', 'filtered']).optional(),
  })
  .strict();

export const toolDetailsSchema = z
  .object({
    name: shortText,
    approval_status: z.enum(['approved', 'denied', 'not_required', 'missing', 'pending']).optional(),
    result_status: z.enum(['ok', 'error', 'denied']).optional(),
    duration_ms: ms.optional(),
  })
  .strict();

export const egressDetailsSchema = z
  .object({
    destination: shortText, // host
    url: z.string().max(2048).optional(),
    method: shortText.optional(),
    status_code: z.number().int().min(0).max(999).optional(),
    bytes: count.optional(),
  })
  .strict();

export const promptChangeDetailsSchema = z
  .object({
    prompt_id: shortText,
    version: shortText.optional(),
    actor: shortText.optional(),
    action: z.enum(['read', 'create', 'update', 'delete']),
  })
  .strict();

export const controlDetailsSchema = z
  .object({
    actor: shortText.optional(),
    action: shortText, // e.g. deployment.update, guardrail.delete, logging.update, key.create
    resource: shortText.optional(),
    resource_type: shortText.optional(), // deployment, guardrail, logging_config, permission, key, model, endpoint
    before_hash: shortText.optional(),
    after_hash: shortText.optional(),
  })
  .strict();

export const authDetailsSchema = z
  .object({
    outcome: z.enum(['allowed', 'denied']),
    method: shortText.optional(),
    resource: shortText.optional(),
    reason: shortText.optional(),
  })
  .strict();

export const predictionDetailsSchema = z
  .object({
    class: shortText,
    confidence: unit.optional(),
    entropy: z.number().nonnegative().max(64).optional(),
  })
  .strict();

const messageSchema = z.object({ role: z.string().max(32), content: z.string().max(1_000_000) }).strict();

/** Content tier: everything here is sensitive and leaves the pipeline only redacted and encrypted. */
export const contentSchema = z
  .object({
    prompt: z.string().max(1_000_000).optional(),
    system_prompt: z.string().max(1_000_000).optional(),
    messages: z.array(messageSchema).max(1000).optional(),
    response: z.string().max(1_000_000).optional(),
    tool_parameters: z.string().max(1_000_000).optional(),
    tool_result: z.string().max(1_000_000).optional(),
    query: z.string().max(100_000).optional(),
    snippets: z.array(z.string().max(100_000)).max(256).optional(),
    body_sample: z.string().max(100_000).optional(),
    diff: z.string().max(1_000_000).optional(),
    input_sample: z.string().max(100_000).optional(),
  })
  .strict();
export type EventContent = z.infer<typeof contentSchema>;
export const CONTENT_FIELDS = Object.keys(contentSchema.shape) as (keyof EventContent)[];

export const DETAIL_KEYS = {
  'llm.call': 'llm',
  guardrail: 'guardrail',
  retrieval: 'retrieval',
  'tool.call': 'tool',
  egress: 'egress',
  'prompt.change': 'prompt_change',
  control: 'control',
  auth: 'auth',
  prediction: 'prediction',
} as const satisfies Record<EventKind, string>;

export const eventInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'letters, digits and . _ : - only, at most 128')
      .optional(),
    ts: timestamp.optional(),
    kind: z.enum(EVENT_KINDS),
    tenant: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
      .optional(),
    trace_id: idText.optional(),
    span_id: idText.optional(),
    parent_span_id: idText.optional(),
    session_id: idText.optional(),
    caller: shortText.optional(),
    team: shortText.optional(),
    auth_method: shortText.optional(),
    source_ip: z.string().max(64).optional(),
    user_agent: shortText.optional(),
    source: z.enum(SOURCES).optional(),
    provider: shortText.optional(),
    model: shortText.optional(),
    deployment: shortText.optional(),
    region: shortText.optional(),
    status: z.enum(['ok', 'error', 'denied', 'blocked']).optional(),
    error_code: shortText.optional(),
    latency_ms: ms.optional(),
    attributes: attributesSchema.optional(),
    llm: llmDetailsSchema.optional(),
    guardrail: guardrailDetailsSchema.optional(),
    retrieval: retrievalDetailsSchema.optional(),
    tool: toolDetailsSchema.optional(),
    egress: egressDetailsSchema.optional(),
    prompt_change: promptChangeDetailsSchema.optional(),
    control: controlDetailsSchema.optional(),
    auth: authDetailsSchema.optional(),
    prediction: predictionDetailsSchema.optional(),
    content: contentSchema.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const own = DETAIL_KEYS[e.kind];
    for (const key of Object.values(DETAIL_KEYS)) {
      if (key !== own && e[key] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `not allowed on kind ${e.kind} (use "${own}")`,
        });
      }
    }
    const required: Partial<Record<EventKind, true>> = {
      guardrail: true,
      'tool.call': true,
      egress: true,
      'prompt.change': true,
      control: true,
      auth: true,
      prediction: true,
    };
    if (required[e.kind] && e[own] === undefined) {
      ctx.addIssue({ code: 'custom', path: [own], message: `required for kind ${e.kind}` });
    }
  });
export type EventInput = z.input<typeof eventInputSchema>;
export type ValidEventInput = z.output<typeof eventInputSchema>;

export type LlmDetails = z.infer<typeof llmDetailsSchema>;
export type Details = {
  llm?: LlmDetails;
  guardrail?: z.infer<typeof guardrailDetailsSchema>;
  retrieval?: z.infer<typeof retrievalDetailsSchema>;
  tool?: z.infer<typeof toolDetailsSchema>;
  egress?: z.infer<typeof egressDetailsSchema>;
  prompt_change?: z.infer<typeof promptChangeDetailsSchema>;
  control?: z.infer<typeof controlDetailsSchema>;
  auth?: z.infer<typeof authDetailsSchema>;
  prediction?: z.infer<typeof predictionDetailsSchema>;
};

/** A finding as stored in the metadata tier: where and what, never the matched value. */
export interface StoredFinding {
  category: string;
  detector: string;
  score: number;
  field: string;
  start: number;
  end: number;
  /** Keyed hash of the matched value, so two findings of one secret can be linked without the secret. */
  fingerprint?: string;
}

export interface TextStats {
  length: number;
  special_char_ratio: number;
  oov_rate: number;
  entropy: number;
  invisible_chars: number;
  non_ascii_ratio: number;
  /** Writing systems the letters use (Latin, Cyrillic, Greek, Arabic, Han and kana, ...). */
  scripts: number;
  /** Share of letters outside the most used script: 0 for text in one script. */
  script_mix: number;
}

/** The metadata tier record. Everything here may be shown to any role allowed to read events. */
export interface SightlineEvent extends Details {
  id: string;
  ts: string;
  kind: EventKind;
  tenant: string;
  trace_id?: string;
  span_id?: string;
  parent_span_id?: string;
  session_id?: string;
  caller?: string;
  team?: string;
  auth_method?: string;
  source_ip?: string;
  user_agent?: string;
  source: (typeof SOURCES)[number];
  provider?: string;
  model?: string;
  deployment?: string;
  region?: string;
  status: 'ok' | 'error' | 'denied' | 'blocked';
  error_code?: string;
  latency_ms?: number;
  attributes?: Record<string, string | number | boolean | null>;
  risk_score: number;
  findings: StoredFinding[];
  input_hash?: string;
  output_hash?: string;
  input_stats?: TextStats;
  output_stats?: TextStats;
  has_content: boolean;
  ingested_at: string;
}
