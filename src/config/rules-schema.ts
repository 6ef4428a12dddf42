import { z } from 'zod';

const severities = z
  .array(z.enum(['P1', 'P2', 'P3', 'P4']))
  .min(1)
  .default(['P1', 'P2', 'P3', 'P4']);
const secretRef = z.string().min(1).max(4096);

const channelBase = {
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  /** Per-severity routing: the channel receives alerts of these severities only. */
  severities,
};

export const channelSchema = z.discriminatedUnion('type', [
  z.object({ ...channelBase, type: z.literal('webhook'), url: z.url(), secret: secretRef }).strict(),
  z.object({ ...channelBase, type: z.literal('slack'), url: z.url() }).strict(),
  z
    .object({
      ...channelBase,
      type: z.literal('pagerduty'),
      routing_key: secretRef,
      url: z.url().default('https://events.pagerduty.com/v2/enqueue'),
    })
    .strict(),
  z
    .object({
      ...channelBase,
      type: z.literal('syslog'),
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65535).default(514),
      transport: z.enum(['udp', 'tcp']).default('udp'),
    })
    .strict(),
  z
    .object({
      ...channelBase,
      type: z.literal('ocsf'),
      url: z.url(),
      headers: z.record(z.string(), z.string()).default({}),
    })
    .strict(),
]);
export type ChannelConfig = z.output<typeof channelSchema>;

/** `rules:` in sightline.yaml: which rules run, how late events may be, escalation and response. */
export const rulesConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Folders of additional rule files, loaded after the built-in pack. */
    dirs: z.array(z.string().min(1)).default([]),
    /** Built-in rule ids to switch off. */
    disabled: z.array(z.string()).default([]),
    lateness_seconds: z.number().int().min(0).max(86_400).default(120),
    /** On start, stored events from this far back are replayed to rebuild windows and baselines. */
    replay_hours: z
      .number()
      .min(0)
      .max(24 * 30)
      .default(24),
    replay_max_events: z.number().int().min(0).max(10_000_000).default(500_000),
    /**
     * Where the engine reads events: `local` (this node's ingest, lowest latency), `store` (every
     * node's events, tailed from the store by the holder of the `rules` lease only), or `auto`
     * (`store` when the store engine is shared by several nodes, i.e. clickhouse).
     */
    source: z.enum(['auto', 'local', 'store']).default('auto'),
    /** Store mode: read events `lag_ms` after their insert (late commits), every `poll_ms`. */
    tail: z
      .object({
        lag_ms: z.number().int().min(0).max(600_000).default(3000),
        poll_ms: z.number().int().min(50).max(60_000).default(500),
        /** How long a dead leader can hold the rules up before another node takes over. */
        lease_ttl_ms: z.number().int().min(300).max(600_000).default(15_000),
      })
      .strict()
      .default({ lag_ms: 3000, poll_ms: 500, lease_ttl_ms: 15_000 }),
    /** Response actions are logged and recorded, not applied. */
    dry_run: z.boolean().default(false),
    notify: z
      .object({
        channels: z.array(channelSchema).max(32).default([]),
        max_attempts: z.number().int().min(1).max(20).default(5),
        backoff_ms: z.number().int().min(10).max(600_000).default(2000),
        timeout_ms: z.number().int().min(100).max(60_000).default(5000),
      })
      .strict()
      .default({ channels: [], max_attempts: 5, backoff_ms: 2000, timeout_ms: 5000 }),
  })
  .strict();
export type RulesConfig = z.output<typeof rulesConfigSchema>;
