import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scrub } from '../privacy/scrub.js';
import type { Exchange } from './http/exchange.js';

export type Dialect = 'openai' | 'anthropic';

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error',
  504: 'api_error',
};

/**
 * Errors in the shape the caller's SDK parses, so `openai` raises `BadRequestError` with
 * `code: 'content_filter'` and `@anthropic-ai/sdk` its own typed errors. Messages never quote the
 * request.
 */
export function gatewayErrorBody(dialect: Dialect, status: number, message: string, code: string): unknown {
  const safe = scrub(message);
  if (dialect === 'anthropic')
    return { type: 'error', error: { type: ANTHROPIC_TYPES[status] ?? 'api_error', message: safe } };
  const type =
    status === 401
      ? 'invalid_request_error'
      : status === 403
        ? 'permission_error'
        : status === 429
          ? 'rate_limit_exceeded'
          : status >= 500
            ? 'server_error'
            : 'invalid_request_error';
  return { error: { message: safe, type, param: null, code } };
}

/** A gateway error on the Hono side (`GET /v1/models`). */
export function gatewayError(
  c: Context,
  dialect: Dialect,
  status: ContentfulStatusCode,
  message: string,
  code: string,
) {
  return c.json(gatewayErrorBody(dialect, status, message, code), status);
}

/** A gateway error on a proxied call. */
export function sendGatewayError(
  ex: Exchange,
  dialect: Dialect,
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
): void {
  ex.json(status, gatewayErrorBody(dialect, status, message, code), headers);
}
