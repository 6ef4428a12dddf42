import { scrub } from '../privacy/scrub.js';

/**
 * Structured JSON logs on stderr. Fields are metadata only by convention and by construction:
 * `sanitizeFields` drops any field whose name suggests content or credentials, so a careless
 * call cannot put a prompt or a key into the application log.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const FORBIDDEN =
  /prompt|response|content|message_text|body|authorization|api[_-]?key|password|secret|token(?!s)|cookie/i;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function sanitizeFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (FORBIDDEN.test(k)) out[k] = '[omitted]';
    else if (typeof v === 'string') out[k] = scrub(v.length > 200 ? `${v.slice(0, 200)}…` : v);
    else if (v === null || typeof v === 'number' || typeof v === 'boolean' || v === undefined) out[k] = v;
    else out[k] = '[object]';
  }
  return out;
}

export function createLogger(
  opts: { level?: Level; write?: (line: string) => void; base?: Record<string, unknown> } = {},
): Logger {
  const min = ORDER[opts.level ?? (process.env.SIGHTLINE_LOG_LEVEL as Level | undefined) ?? 'info'] ?? 20;
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const base = opts.base ?? {};
  const emit = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    write(
      JSON.stringify({ ts: new Date().toISOString(), level, msg, ...base, ...sanitizeFields(fields ?? {}) }),
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...opts, base: { ...base, ...sanitizeFields(fields) } }),
  };
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
