import type { Hono } from 'hono';
import { isIP } from 'node:net';
import { z } from 'zod';
import { requirePermission } from '../api/auth-middleware.js';
import type { AppEnv } from '../api/env.js';
import { sendError } from '../api/errors.js';
import { formatIssues } from '../config/load.js';
import { scrub } from '../privacy/scrub.js';
import type { ServerContext } from '../server-context.js';
import { recordEnforcementChange } from './record.js';

const MAX_TTL_SECONDS = 30 * 24 * 3600;

export const newEnforcementSchema = z
  .object({
    type: z.enum(['block_identity', 'block_ip', 'rate_limit']),
    target: z.string().min(1).max(256),
    limit_rpm: z.number().int().min(0).max(1_000_000).optional(),
    reason: z.string().min(1).max(512),
    expires_at: z.iso.datetime({ offset: true }).optional(),
    ttl_seconds: z.number().int().min(1).max(MAX_TTL_SECONDS).optional(),
    alert_id: z.string().max(128).optional(),
  })
  .strict()
  .superRefine((v, c) => {
    if (v.type === 'rate_limit' && v.limit_rpm === undefined)
      c.addIssue({ code: 'custom', path: ['limit_rpm'], message: 'required for rate_limit' });
    if (v.type === 'block_ip' && isIP(v.target) === 0)
      c.addIssue({ code: 'custom', path: ['target'], message: 'not an IPv4 or IPv6 address' });
    if ((v.expires_at === undefined) === (v.ttl_seconds === undefined))
      c.addIssue({
        code: 'custom',
        path: ['expires_at'],
        message: 'give exactly one of expires_at or ttl_seconds',
      });
  });

/** Resolves the expiry, refusing one in the past or beyond the maximum a response action may last. */
export function expiryOf(v: { expires_at?: string; ttl_seconds?: number }, now = Date.now()): string | Error {
  const at = v.expires_at !== undefined ? Date.parse(v.expires_at) : now + v.ttl_seconds! * 1000;
  if (at <= now) return new Error('expires_at is in the past');
  if (at > now + MAX_TTL_SECONDS * 1000) return new Error('expiry is more than 30 days away');
  return new Date(at).toISOString();
}

export function enforcementRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const need = (p: Parameters<typeof requirePermission>[0]) => requirePermission(p, ctx.authenticators);

  app.get('/v1/enforcement', need('alerts:read'), (c) => c.json({ entries: ctx.enforcement.list() }));

  app.post('/v1/enforcement', need('actions:write'), async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return sendError(c, 400, 'invalid_body', 'body must be a JSON object');
    }
    const parsed = newEnforcementSchema.safeParse(raw);
    if (!parsed.success)
      return sendError(c, 400, 'invalid_body', formatIssues(parsed.error.issues).join('; '));
    const expires = expiryOf(parsed.data);
    if (expires instanceof Error) return sendError(c, 400, 'invalid_body', expires.message);
    const actor = `user:${c.get('principal').principal}`;
    const { ttl_seconds: _ttl, ...fields } = parsed.data;
    // The reason is free text an analyst may paste evidence into; it is metadata, so it goes
    // through the same redaction chokepoint as everything else outside the content tier.
    const entry = await ctx.enforcement.add({
      ...fields,
      reason: scrub(fields.reason),
      expires_at: expires,
      created_by: actor,
    });
    await recordEnforcementChange(ctx, 'add', entry, actor);
    return c.json(entry, 201);
  });

  app.delete('/v1/enforcement/:id', need('actions:write'), async (c) => {
    const id = c.req.param('id');
    const entry = ctx.enforcement.list().find((e) => e.id === id);
    if (!entry || !(await ctx.enforcement.remove(id))) return sendError(c, 404, 'not_found', 'no such entry');
    await recordEnforcementChange(ctx, 'remove', entry, `user:${c.get('principal').principal}`);
    return c.body(null, 204);
  });
}
