import { z } from 'zod';

const duckdb = z
  .object({
    engine: z.literal('duckdb'),
    /** Database file; relative paths are inside data_dir. */
    path: z.string().default('sightline.duckdb'),
  })
  .strict();

const clickhouse = z
  .object({
    engine: z.literal('clickhouse'),
    /** HTTP(S) endpoint of ClickHouse (or a load balancer in front of a cluster). */
    url: z.url().default('http://localhost:8123'),
    database: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a plain identifier (letters, digits, underscore)')
      .default('sightline'),
    user: z.string().min(1).max(200).default('default'),
    /** Prefer `password_env`: a secret in the config file ends up in backups and diffs. */
    password: z.string().max(1000).optional(),
    /** Environment variable holding the password. */
    password_env: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]{0,127}$/)
      .optional(),
  })
  .strict();

/** `engine` defaults to duckdb, so existing configs (`store: { path }`) keep working. */
export const storeSchema = z
  .preprocess(
    (v) =>
      v && typeof v === 'object' && !Array.isArray(v) && !('engine' in v) ? { engine: 'duckdb', ...v } : v,
    z.discriminatedUnion('engine', [duckdb, clickhouse]),
  )
  .default({ engine: 'duckdb', path: 'sightline.duckdb' });

export type StoreConfig = z.infer<typeof storeSchema>;
