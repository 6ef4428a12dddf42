import { z } from 'zod';
import { durationSchema } from './duration.js';

/**
 * The rule file format. Everything a detection engineer writes is validated here; the loader adds
 * the file name to every error path, and the ATLAS/OWASP mapping is checked against the vendored list.
 */

const scalar = z.union([z.string().max(512), z.number(), z.boolean()]);
const fieldPath = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/i, 'a field path like llm.total_tokens');

const operators = z
  .object({
    eq: scalar.optional(),
    ne: scalar.optional(),
    in: z.array(scalar).max(256).optional(),
    not_in: z.array(scalar).max(256).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    exists: z.boolean().optional(),
    prefix: z.string().max(256).optional(),
    contains: z.string().max(256).optional(),
    suffix: z.string().max(256).optional(),
  })
  .strict();

export interface Where {
  [field: string]: unknown;
}
/** `field: value` (equality), `field: [a, b]` (one of), `field: {gt: 4000}`; `finding`, `any`, `not` are special. */
export const whereSchema: z.ZodType<Where> = z.lazy(() =>
  z.record(z.string().max(128), z.unknown()).superRefine((w, ctx) => {
    for (const [k, v] of Object.entries(w)) {
      if (k === 'any') {
        const r = z.array(whereSchema).min(1).max(32).safeParse(v);
        if (!r.success) for (const i of r.error.issues) ctx.addIssue({ ...i, path: [k, ...i.path] } as never);
      } else if (k === 'not') {
        const r = whereSchema.safeParse(v);
        if (!r.success) for (const i of r.error.issues) ctx.addIssue({ ...i, path: [k, ...i.path] } as never);
      } else if (k === 'finding') {
        const cats = z.union([z.string().min(1).max(128), z.array(z.string().min(1).max(128)).min(1)]);
        const r = z
          .union([cats, z.object({ category: cats, field: z.string().max(64).optional() }).strict()])
          .safeParse(v);
        if (!r.success)
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message: 'a finding category prefix, a list of them, or {category, field}',
          });
      } else {
        if (!fieldPath.safeParse(k).success)
          ctx.addIssue({ code: 'custom', path: [k], message: 'not a field path like llm.total_tokens' });
        const r = z.union([scalar, z.array(scalar).max(256), operators]).safeParse(v);
        if (!r.success)
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message:
              'a value, a list of values or {eq|ne|in|not_in|gt|gte|lt|lte|exists|prefix|suffix|contains}',
          });
      }
    }
  }),
);

export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Severity = (typeof SEVERITIES)[number];

const threatSchema = z
  .object({
    framework: z.literal('MITRE ATLAS'),
    tactic: z.string().regex(/^AML\.TA\d{4}$/, 'an ATLAS tactic id like AML.TA0005'),
    technique: z.string().regex(/^AML\.T\d{4}(\.\d{3})?$/, 'an ATLAS technique id like AML.T0051'),
  })
  .strict();

export const actionSchema = z
  .object({
    type: z.enum(['block_identity', 'block_ip', 'rate_limit']),
    ttl: durationSchema,
    limit_rpm: z.number().int().min(0).max(1_000_000).optional(),
    /** Overrides the engine-wide dry-run setting for this action. */
    dry_run: z.boolean().optional(),
  })
  .strict()
  .refine((a) => a.type !== 'rate_limit' || a.limit_rpm !== undefined, {
    message: 'rate_limit needs limit_rpm',
    path: ['limit_rpm'],
  });
export type RuleAction = z.output<typeof actionSchema>;

/** Off-hours: local working hours at a fixed UTC offset; the condition holds outside them. */
export const scheduleSchema = z
  .object({
    outside_hours: z.tuple([z.number().int().min(0).max(23), z.number().int().min(1).max(24)]),
    working_days: z.array(z.number().int().min(0).max(6)).max(7).default([1, 2, 3, 4, 5]),
    utc_offset_minutes: z.number().int().min(-840).max(840).default(0),
  })
  .strict();
export type Schedule = z.output<typeof scheduleSchema>;

const testEventSchema = z.record(z.string(), z.unknown());
const ruleTestSchema = z
  .object({
    name: z.string().min(1).max(200),
    /** Events in; `at` (offset from the test start, e.g. 90s), `repeat` and `every` expand one line into many. */
    events: z.array(testEventSchema).min(1).max(500),
    expect: z.enum(['alert', 'none']),
  })
  .strict();
export type RuleTest = z.output<typeof ruleTestSchema>;

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(3).max(120),
  description: z.string().min(10).max(2000),
  severity: z.enum(SEVERITIES),
  enabled: z.boolean().default(true),
  threat: z.array(threatSchema).min(1).max(8),
  owasp: z
    .array(z.string().regex(/^LLM(0[1-9]|10)$/, 'an OWASP LLM Top 10 id, LLM01..LLM10'))
    .min(1)
    .max(4),
  note: z.string().min(10).max(4000),
  false_positives: z.array(z.string().min(3).max(500)).min(1).max(16),
  actions: z.array(actionSchema).max(4).default([]),
  /** Field(s) naming the entity an alert is about; the first present wins. */
  entity: z.array(fieldPath).min(1).max(4).default(['caller', 'source_ip']),
  where: whereSchema.default({}),
  schedule: scheduleSchema.optional(),
  /** A signal feeds correlations; it raises an alert of its own only when `alert` is true. */
  alert: z.boolean().default(true),
  tests: z.array(ruleTestSchema).max(32),
};

export const ruleSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('match') }).strict(),
  z.object({ ...common, type: z.literal('schedule'), schedule: scheduleSchema }).strict(),
  z
    .object({
      ...common,
      type: z.literal('threshold'),
      window: durationSchema,
      group_by: z.array(fieldPath).max(4).default([]),
      aggregate: z.enum(['count', 'sum', 'distinct']).default('count'),
      field: fieldPath.optional(),
      above: z.number().nonnegative(),
    })
    .strict()
    .refine((r) => r.aggregate === 'count' || r.field !== undefined, {
      message: 'sum and distinct need a field',
      path: ['field'],
    }),
  z
    .object({
      ...common,
      type: z.literal('new_value'),
      /** The value whose first appearance matters, e.g. [caller, model]. */
      fields: z.array(fieldPath).min(1).max(4),
      lookback: durationSchema,
      /** Only alert when the first field's value was already known (an existing caller's new IP). */
      known_entity: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('baseline'),
      field: fieldPath,
      group_by: z.array(fieldPath).max(4).default([]),
      bucket: durationSchema,
      history: z.number().int().min(2).max(1000),
      min_history: z.number().int().min(1).max(1000).default(3),
      percentile: z.number().min(1).max(100),
      multiplier: z.number().positive(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('distribution_shift'),
      field: fieldPath,
      group_by: z.array(fieldPath).max(4).default([]),
      window: durationSchema,
      min_count: z.number().int().min(5).max(1_000_000).default(30),
      p_value: z.number().gt(0).lt(1).default(0.01),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('correlation'),
      signals: z.array(z.string().min(3).max(64)).min(1).max(16),
      min_signals: z.number().int().min(1).max(16),
      window: durationSchema,
    })
    .strict()
    .refine((r) => r.min_signals <= r.signals.length, {
      message: 'min_signals cannot exceed the number of signals',
      path: ['min_signals'],
    }),
]);
export type Rule = z.output<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
