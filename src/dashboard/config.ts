import { z } from 'zod';

const threshold = (warning: number, critical: number, direction: 'above' | 'below' = 'above') =>
  z
    .object({
      warning: z.number(),
      critical: z.number(),
      /** `below` for panels where less is worse (completion rate). */
      direction: z.enum(['above', 'below']).default(direction),
    })
    .strict()
    .default({ warning, critical, direction });

/**
 * Defaults follow the "Cloud AI Security Operations" panel set (blocks 10/50 per hour, tokens
 * 500k/2M per identity, error rate 5%/15%, burn 50/200 USD/hour, denials 20/100 per hour); the
 * others are starting points to tune per deployment.
 */
export const thresholdsSchema = z
  .object({
    /** Blocks per hour. */
    content_filter_blocks: threshold(10, 50),
    /** Tokens per identity over the selected range. */
    tokens_by_identity: threshold(500_000, 2_000_000),
    unique_callers: threshold(500, 2000),
    new_callers: threshold(5, 20),
    /** Share of failed calls per model and bucket. */
    error_rate: threshold(0.05, 0.15),
    /** USD per hour. */
    cost_burn_rate: threshold(50, 200),
    /** Risk score of a suspicious prompt. */
    suspicious_risk: threshold(0.5, 0.8),
    /** Changes in the range. */
    changes: threshold(5, 20),
    /** Denials per hour. */
    access_denied: threshold(20, 100),
    latency_p95_ms: threshold(5000, 15_000),
    completion_rate: threshold(0.95, 0.9, 'below'),
    /** Requests per minute per model. */
    throughput_rpm: threshold(600, 1200),
    /** USD per team over the selected range. */
    team_cost_usd: threshold(1000, 5000),
  })
  .strict();
export type Thresholds = z.output<typeof thresholdsSchema>;
export type ThresholdName = keyof Thresholds;

export const dashboardConfigSchema = z
  .object({
    /** Serve the web dashboard at `/` (the API stays on either way). */
    enabled: z.boolean().default(true),
    thresholds: thresholdsSchema.default(thresholdsSchema.parse({})),
    /** Finding families listed in the suspicious-prompts table. */
    suspicious_families: z.array(z.string().regex(/^[a-z0-9_-]{1,32}$/)).default(['injection', 'jailbreak']),
    /** Rows in the top-N panels. */
    top_n: z.number().int().min(1).max(100).default(10),
    session_ttl_hours: z
      .number()
      .min(0.1)
      .max(24 * 30)
      .default(12),
    /** Alert queue refresh when the live stream is unavailable. */
    refresh_seconds: z.number().int().min(5).max(3600).default(60),
  })
  .strict();
export type DashboardConfig = z.output<typeof dashboardConfigSchema>;
