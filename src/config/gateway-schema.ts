import { z } from 'zod';

const action = z.enum(['allow', 'flag', 'redact', 'block']);

/** What to do when a family's strongest finding reaches `threshold`. */
const familyRule = z.object({ action, threshold: z.number().min(0).max(1).default(0.5) }).strict();

const directionRules = z.partialRecord(
  z.enum(['injection', 'jailbreak', 'pii', 'secret', 'leakage', 'custom']),
  familyRule,
);

const quota = z
  .object({
    requests_per_minute: z.number().int().positive().optional(),
    tokens_per_minute: z.number().int().positive().optional(),
    daily_cost_usd: z.number().positive().optional(),
  })
  .strict();

export const policySchema = z
  .object({
    prompt: directionRules.default({
      injection: { action: 'block', threshold: 0.8 },
      jailbreak: { action: 'block', threshold: 0.8 },
      secret: { action: 'redact', threshold: 0.5 },
      pii: { action: 'flag', threshold: 0.5 },
    }),
    response: directionRules.default({
      secret: { action: 'redact', threshold: 0.5 },
      pii: { action: 'flag', threshold: 0.5 },
      leakage: { action: 'flag', threshold: 0.5 },
    }),
    /** Plant a per-request canary token in the system prompt and watch responses for it. */
    canary: z.boolean().default(false),
    /** Per identity (principal), all models together. */
    quotas: quota.default({}),
    /** Per identity and model (exact model name). */
    model_quotas: z.record(z.string(), quota).default({}),
  })
  .strict();

export type GatewayPolicy = z.output<typeof policySchema>;

export const upstreamSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_-]{1,64}$/),
    kind: z.enum(['openai', 'azure', 'anthropic']),
    /** e.g. https://api.openai.com/v1, https://RESOURCE.openai.azure.com, https://api.anthropic.com */
    base_url: z.url(),
    /** Environment variable holding the upstream credential (never written to config or logs). */
    api_key_env: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]{0,127}$/)
      .optional(),
    /** Glob patterns (`*` wildcard) of the models this upstream serves; first matching upstream wins. */
    models: z.array(z.string().min(1).max(200)).min(1).default(['*']),
    timeout_ms: z.number().int().min(100).max(600_000).default(60_000),
    retries: z.number().int().min(0).max(5).default(2),
    /** Forward the caller's own Authorization instead of the gateway's credential. */
    forward_caller_credentials: z.boolean().default(false),
    /**
     * Azure OpenAI: api-version query parameter, the one for the Responses API (which needs a
     * newer version), and model → deployment names. A base URL ending in `/openai/v1` selects
     * Azure's v1 API, which needs neither.
     */
    azure_api_version: z.string().default('2024-10-21'),
    azure_responses_api_version: z.string().default('2025-04-01-preview'),
    deployments: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type UpstreamConfig = z.output<typeof upstreamSchema>;

export const gatewayConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    upstreams: z.array(upstreamSchema).default([]),
    policies: z.record(z.string(), policySchema).default({}),
    /** Policy for keys that name none (or an unknown one). */
    default_policy: z.string().default('default'),
  })
  .strict();

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
