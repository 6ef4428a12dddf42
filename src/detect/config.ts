import { z } from 'zod';
import { TEXT_FIELDS } from './types.js';
import { DEFAULT_CLASSIFIER_THRESHOLD } from './injection/injection-detector.js';

const category = z
  .string()
  .regex(/^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/, 'a dotted lower-case category such as custom.project_name');

export const customDetectorSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,64}$/),
    category,
    /** RE2 syntax (linear time; backreferences and lookaround are refused). */
    pattern: z.string().min(1).max(2000).optional(),
    /** Whole-word, case-insensitive keywords. */
    keywords: z.array(z.string().min(1).max(200)).max(10_000).optional(),
    score: z.number().min(0).max(1).default(0.8),
    redact: z.boolean().default(false),
    fields: z.array(z.enum(TEXT_FIELDS)).optional(),
  })
  .strict()
  .refine((d) => (d.pattern === undefined) !== (d.keywords === undefined), {
    message: 'give exactly one of pattern or keywords',
  });

export type CustomDetectorConfig = z.output<typeof customDetectorSchema>;

export const detectionConfigSchema = z
  .object({
    injection: z
      .object({
        enabled: z.boolean().default(true),
        classifier: z.boolean().default(true),
        /** Probability at which the classifier flags on its own; below it (from 0.5) it only corroborates. */
        classifier_threshold: z.number().min(0.5).max(1).default(DEFAULT_CLASSIFIER_THRESHOLD),
        /** Signature categories to switch off, e.g. jailbreak.policy_bypass for a fiction app. */
        disabled_categories: z.array(category).default([]),
        /**
         * `discount`: an attack quoted as a phrase, reported or asked about keeps a low score
         * (for teams that discuss attacks); `strict`: scored like any other match (public bots,
         * where a payload wrapped in a cited quote should still alert).
         */
        mentions: z.enum(['discount', 'strict']).default('discount'),
      })
      .strict()
      .default({
        enabled: true,
        classifier: true,
        classifier_threshold: DEFAULT_CLASSIFIER_THRESHOLD,
        disabled_categories: [],
        mentions: 'discount',
      }),
    pii: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .default({ enabled: true }),
    secrets: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .default({ enabled: true }),
    leakage: z
      .object({
        enabled: z.boolean().default(true),
        /** Domains that links and images in responses may point to (subdomains included). */
        allowed_domains: z.array(z.string().min(1).max(253)).default([]),
      })
      .strict()
      .default({ enabled: true, allowed_domains: [] }),
    custom: z.array(customDetectorSchema).default([]),
  })
  .strict();

export type DetectionConfig = z.output<typeof detectionConfigSchema>;
