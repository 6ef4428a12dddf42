import { z } from 'zod';

const days = z.number().int().min(1).max(36_500);

/** Days each log class is kept. Defaults follow common practice for audit and usage records. */
export const retentionDaysSchema = z
  .object({
    /** Control-plane records: `control`, `prompt.change`, `auth` events. */
    control: days.default(365),
    /** Invocation metadata: `llm.call`, `retrieval`, `tool.call`, `egress`, `prediction` rows. */
    invocation: days.default(90),
    /** Content-filter and guardrail results: `guardrail` events. */
    guardrail: days.default(90),
    /** Prompt and response content (the sealed tier); its day keys are shredded with it. */
    content: days.default(30),
    /** Daily cost and usage rollups, kept after the invocation rows they summarise are gone. */
    usage: days.default(365),
  })
  .strict();

export const RETENTION_DEFAULTS = retentionDaysSchema.parse({});

export const retentionSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** How often the server runs the retention job. */
    interval_minutes: z.number().int().min(1).max(10_080).default(60),
    days: retentionDaysSchema.default(RETENTION_DEFAULTS),
    /** Per-tenant overrides of any class; classes left out use `days`. */
    tenants: z.record(z.string().min(1), retentionDaysSchema.partial()).default({}),
  })
  .strict();

export const consentSchema = z
  .object({
    /**
     * When true, content is stored only for callers or users whose consent is recorded as true.
     * An explicit `false` is honoured whatever this says.
     */
    required: z.boolean().default(false),
    /** Consent by caller (API key id, IAM principal, user). */
    callers: z.record(z.string().min(1), z.boolean()).default({}),
    /** Consent by end user, read from the event attribute named by `user_attribute`. */
    users: z.record(z.string().min(1), z.boolean()).default({}),
    user_attribute: z.string().min(1).default('user.id'),
  })
  .strict();

export const regionsSchema = z
  .object({
    /** Regions allowed for every tenant without its own list; empty means any region. */
    default: z.array(z.string().min(1)).default([]),
    tenants: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
  })
  .strict();

export const governanceSchema = z
  .object({
    retention: retentionSchema.default(retentionSchema.parse({})),
    consent: consentSchema.default(consentSchema.parse({})),
    regions: regionsSchema.default(regionsSchema.parse({})),
  })
  .strict();

export type GovernanceConfig = z.output<typeof governanceSchema>;
export type RetentionDays = z.output<typeof retentionDaysSchema>;
export type RetentionClass = keyof RetentionDays;
