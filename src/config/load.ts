import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type SightlineConfig, type SightlineConfigInput } from './schema.js';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(issues.length ? `${message}:\n  ${issues.join('\n  ')}` : message);
    this.name = 'ConfigError';
  }
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const path = i.path.length ? i.path.map(String).join('.') : '(root)';
    const keys = i.code === 'unrecognized_keys' ? `: ${i.keys.join(', ')}` : '';
    return `${path}: ${i.message}${keys}`;
  });
}

/** Environment variables that override the file, so containers need no config file at all. */
const ENV: Record<string, (c: Record<string, unknown>, v: string) => void> = {
  SIGHTLINE_DATA_DIR: (c, v) => (c.data_dir = v),
  SIGHTLINE_HOST: (c, v) => (section(c, 'server').host = v),
  SIGHTLINE_PORT: (c, v) => (section(c, 'server').port = Number(v)),
  SIGHTLINE_CONTENT_LOGGING: (c, v) => (section(c, 'content_logging').enabled = v === 'true' || v === '1'),
};

function section(c: Record<string, unknown>, key: string): Record<string, unknown> {
  const s = c[key];
  if (s && typeof s === 'object' && !Array.isArray(s)) return s as Record<string, unknown>;
  const fresh: Record<string, unknown> = {};
  c[key] = fresh;
  return fresh;
}

export function parseConfig(input: unknown, origin = 'config'): SightlineConfig {
  const r = configSchema.safeParse(input ?? {});
  if (!r.success) throw new ConfigError(`invalid ${origin}`, formatIssues(r.error.issues));
  return r.data;
}

/** Reads the YAML file (if any), applies environment overrides, validates once. */
export function loadConfig(
  opts: { file?: string; env?: NodeJS.ProcessEnv; overrides?: SightlineConfigInput } = {},
) {
  const env = opts.env ?? process.env;
  const file = opts.file ?? env.SIGHTLINE_CONFIG;
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(
        `cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (e) {
      throw new ConfigError(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
    }
    if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
      throw new ConfigError(`${file}: the top level must be a mapping`);
    }
    raw = (doc ?? {}) as Record<string, unknown>;
  }
  for (const [name, apply] of Object.entries(ENV)) {
    const v = env[name];
    if (v !== undefined && v !== '') apply(raw, v);
  }
  const merged = { ...raw, ...(opts.overrides ?? {}) };
  return parseConfig(merged, file ?? 'config');
}
