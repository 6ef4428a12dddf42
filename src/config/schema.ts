import { z } from 'zod';
import { dashboardConfigSchema } from '../dashboard/config.js';
import { detectionConfigSchema } from '../detect/config.js';
import { gatewayConfigSchema } from './gateway-schema.js';
import { rulesConfigSchema } from './rules-schema.js';
import { governanceSchema } from './governance-schema.js';
import { storeSchema } from './store-schema.js';

const modelPrice = z
  .object({
    input_per_mtok: z.number().nonnegative(),
    output_per_mtok: z.number().nonnegative(),
  })
  .strict();

export const contentLoggingSchema = z
  .object({
    /** Global default; tenants and callers override it (caller beats tenant beats global). */
    enabled: z.boolean().default(false),
    tenants: z.record(z.string(), z.boolean()).default({}),
    callers: z.record(z.string(), z.boolean()).default({}),
    /** Storing content without PII/secret redaction must be asked for by name, and is flagged. */
    allow_unredacted: z.boolean().default(false),
  })
  .strict();

export const configSchema = z
  .object({
    data_dir: z.string().min(1).default('./.sightline'),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(7600),
        /** Largest request body accepted, in bytes. */
        body_limit_bytes: z
          .number()
          .int()
          .min(1024)
          .max(256 * 1024 * 1024)
          .default(10 * 1024 * 1024),
        /** Proxies whose X-Forwarded-For is believed (exact addresses). */
        trusted_proxies: z.array(z.string()).default([]),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 7600, body_limit_bytes: 10 * 1024 * 1024, trusted_proxies: [] }),
    store: storeSchema,
    content_logging: contentLoggingSchema.default({
      enabled: false,
      tenants: {},
      callers: {},
      allow_unredacted: false,
    }),
    /** USD per million tokens, merged over the shipped price table. */
    prices: z.record(z.string(), modelPrice).default({}),
    pipeline: z
      .object({
        /**
         * Worker threads that parse, validate and process ingest bodies. `auto` is one per core
         * beyond the first (at most 4), leaving the event loop a core for the gateway's latency.
         * 0 processes on the event loop.
         */
        workers: z.union([z.literal('auto'), z.number().int().min(0).max(64)]).default('auto'),
      })
      .strict()
      .default({ workers: 'auto' }),
    spool: z
      .object({
        /** Events accepted but not yet in the store; above this, ingest answers 429. */
        max_pending_events: z.number().int().min(100).default(200_000),
        /** On-disk spool bound; above this, ingest answers 503. */
        max_bytes: z
          .number()
          .int()
          .min(1024 * 1024)
          .default(1024 * 1024 * 1024),
        /** Events per store append. */
        batch_size: z.number().int().min(1).max(100_000).default(5000),
        /**
         * How long a part-filled batch waits for more before it is written: a DuckDB commit costs
         * a few milliseconds of CPU whatever its size, so a trickle is better written in hundreds.
         * Events are durable (spooled) and seen by the rules engine before this.
         */
        store_linger_ms: z.number().int().min(0).max(10_000).default(250),
        /** fsync acknowledged writes (off only for benchmarks of the rest of the path). */
        fsync: z.boolean().default(true),
      })
      .strict()
      .default({
        max_pending_events: 200_000,
        max_bytes: 1024 * 1024 * 1024,
        batch_size: 5000,
        store_linger_ms: 250,
        fsync: true,
      }),
    dashboard: dashboardConfigSchema.default(dashboardConfigSchema.parse({})),
    detection: detectionConfigSchema.default(detectionConfigSchema.parse({})),
    gateway: gatewayConfigSchema.default(gatewayConfigSchema.parse({})),
    rules: rulesConfigSchema.default(rulesConfigSchema.parse({})),
    governance: governanceSchema.default(governanceSchema.parse({})),
  })
  .strict();

export type SightlineConfig = z.output<typeof configSchema>;
export type SightlineConfigInput = z.input<typeof configSchema>;
export type ModelPrice = z.infer<typeof modelPrice>;
