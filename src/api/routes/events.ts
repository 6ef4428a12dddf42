import type { Hono } from 'hono';
import { z } from 'zod';
import { can } from '../../auth/roles.js';
import { formatIssues } from '../../config/load.js';
import { EVENT_KINDS } from '../../events/schema.js';
import { BodyError } from '../../ingest/parse-body.js';
import { inflate } from '../../ingest/inflate.js';
import { scrub } from '../../privacy/scrub.js';
import type { ServerContext } from '../../server-context.js';
import { BadCursorError } from '../../store/cursor.js';
import { requirePermission } from '../auth-middleware.js';
import { readContent } from '../content-access.js';
import type { AppEnv } from '../env.js';
import { sendError } from '../errors.js';

const list = z
  .string()
  .max(1000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const eventQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    kind: list.pipe(z.array(z.enum(EVENT_KINDS))).optional(),
    caller: z.string().max(512).optional(),
    model: z.string().max(512).optional(),
    source_ip: z.string().max(64).optional(),
    source: z.string().max(32).optional(),
    status: z.enum(['ok', 'error', 'denied', 'blocked']).optional(),
    trace_id: z.string().max(256).optional(),
    session_id: z.string().max(256).optional(),
    min_risk: z.coerce.number().min(0).max(1).optional(),
    category: z
      .string()
      .regex(/^[a-z0-9_.-]{1,64}$/)
      .optional(),
    guardrail_action: z.enum(['allow', 'flag', 'redact', 'block']).optional(),
    q: z.string().max(256).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(1024).optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    include: z.enum(['content']).optional(),
    tenant: z.string().max(64).optional(),
  })
  .strict();

export function eventRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const need = (p: Parameters<typeof requirePermission>[0]) =>
    requirePermission(p, ctx.authenticators, authFailureRecorder(ctx));

  app.post('/v1/events', need('events:write'), async (c) => {
    const admission = ctx.ingestor.admission();
    if (!admission.ok) {
      c.header('Retry-After', String(admission.retryAfterSeconds));
      return sendError(c, admission.status, 'backpressure', admission.reason);
    }
    const principal = c.get('principal');
    // An ingest key speaks for its tenant; only admin keys may write events for other tenants.
    const tenant = principal.role === 'admin' ? undefined : principal.tenant;
    let outcome;
    try {
      const raw = Buffer.from(await c.req.arrayBuffer());
      // The SDK compresses its batches; a bomb cannot inflate past four times the body limit.
      const text = inflate(
        raw,
        c.req.header('content-encoding'),
        ctx.config.server.body_limit_bytes * 4,
      ).toString('utf8');
      outcome = await ctx.ingestor.ingestBody(text, c.req.header('content-type'), { tenant });
    } catch (e) {
      if (e instanceof BodyError) return sendError(c, 400, 'invalid_body', e.message);
      throw e;
    }
    const rejectedIndexes = new Set(outcome.errors.map((e) => e.index));
    const body = {
      accepted: outcome.accepted.length,
      duplicates: outcome.duplicates,
      rejected: rejectedIndexes.size,
      errors: outcome.errors
        .slice(0, 1000)
        .map((e) => ({ ...e, path: scrub(e.path), message: scrub(e.message) })),
      ids: outcome.accepted.map((e) => e.id),
    };
    return c.json(body, outcome.validCount === 0 && outcome.total > 0 ? 400 : 202);
  });

  app.get('/v1/events', need('events:read'), async (c) => {
    const parsed = eventQuerySchema.safeParse(c.req.query());
    if (!parsed.success)
      return sendError(c, 400, 'invalid_query', formatIssues(parsed.error.issues).join('; '));
    const q = parsed.data;
    const principal = c.get('principal');
    if (q.include === 'content' && !can(principal.role, 'content:read')) {
      return sendError(c, 403, 'forbidden', `role ${principal.role} may not read content`);
    }
    try {
      const page = await ctx.store.queryEvents({
        ...q,
        kinds: q.kind,
        text: q.q,
        tenant: principal.role === 'admin' ? q.tenant : principal.tenant,
      });
      if (q.include !== 'content') return c.json(page);
      const ids = page.events.filter((e) => e.has_content).map((e) => e.id);
      const content = await readContent(ctx, principal, ids, 'event search');
      return c.json({ ...page, events: page.events.map((e) => ({ ...e, ...(content.get(e.id) ?? {}) })) });
    } catch (e) {
      if (e instanceof BadCursorError) return sendError(c, 400, 'invalid_query', e.message);
      throw e;
    }
  });

  app.get('/v1/events/:id', need('events:read'), async (c) => {
    const principal = c.get('principal');
    const page = await ctx.store.queryEvents({
      ids: [c.req.param('id')],
      limit: 1,
      tenant: principal.role === 'admin' ? undefined : principal.tenant,
    });
    const event = page.events[0];
    if (!event) return sendError(c, 404, 'not_found', 'no such event');
    return c.json(event);
  });

  app.get('/v1/events/:id/content', need('content:read'), async (c) => {
    const principal = c.get('principal');
    const id = c.req.param('id');
    const page = await ctx.store.queryEvents({ ids: [id], limit: 1, tenant: principal.tenant });
    if (!page.events[0]) return sendError(c, 404, 'not_found', 'no such event');
    const content = (await readContent(ctx, principal, [id], c.req.query('reason') ?? 'reveal')).get(id);
    if (!content) return sendError(c, 404, 'not_found', 'no content stored for this event');
    return c.json({ id, ...content });
  });
}

/** Failed authentication is itself a security event (brute force, stolen-key probing). */
export function authFailureRecorder(ctx: ServerContext) {
  return (
    c: Parameters<NonNullable<Parameters<typeof requirePermission>[2]>>[0],
    f: Parameters<NonNullable<Parameters<typeof requirePermission>[2]>>[1],
  ) => {
    void ctx.ingestor
      .ingest(
        [
          {
            kind: 'auth',
            source: 'sightline',
            caller: f.principal?.principal,
            source_ip: c.get('clientIp') || undefined,
            user_agent: c.req.header('user-agent')?.slice(0, 512),
            status: 'denied',
            auth: { outcome: 'denied', method: 'api_key', resource: f.path.slice(0, 512), reason: f.reason },
          },
        ],
        { source: 'sightline', tenant: f.principal?.tenant },
      )
      .catch((e: Error) => ctx.log.warn('could not record auth failure', { error: e.message }));
  };
}
