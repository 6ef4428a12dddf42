import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scrub } from '../privacy/scrub.js';

/**
 * Every error body has one shape. Messages name what is wrong (a field path, a limit) and never
 * echo the request's content, so an error response cannot leak a prompt or a key.
 */
export function errorBody(type: string, message: string, extra: Record<string, unknown> = {}) {
  // Messages name fields and limits, but a field *name* or an unknown key can itself be pasted
  // content; the chokepoint catches that too.
  return { error: { type, message: scrub(message), ...extra } };
}

export function sendError(
  c: Context,
  status: ContentfulStatusCode,
  type: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return c.json(errorBody(type, message, extra), status);
}

/** JSON.parse messages quote the input on newer V8; keep only the position. */
export function describeJsonError(e: unknown): string {
  const msg = e instanceof Error ? e.message : '';
  const pos = /position (\d+)/.exec(msg);
  if (/Unexpected end/.test(msg)) return 'invalid JSON: unexpected end of input';
  return pos ? `invalid JSON at position ${pos[1]}` : 'invalid JSON';
}
