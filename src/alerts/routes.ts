import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { requirePermission } from '../api/auth-middleware.js';
import type { AppEnv } from '../api/env.js';
import { sendError } from '../api/errors.js';
import { formatIssues } from '../config/load.js';
import { scrub } from '../privacy/scrub.js';
import type { ServerContext } from '../server-context.js';
import { ALERT_STATUSES, type AlertRecord, type AlertStatus } from '../store/alert-types.js';
import { TransitionError, type AlertManager } from './manager.js';

const listQuery = z
  .object({
    status: z.string().max(100).optional(),
    severity: z.string().max(100).optional(),
    rule: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();
const commentBody = z.object({ text: z.string().trim().min(1).max(4000) }).strict();

/** `/v1/alerts`: list, filter, read, acknowledge, resolve, suppress, comment, and a live SSE stream. */
export function alertRoutes(
  app: Hono<AppEnv>,
  ctx: ServerContext,
  manager: () => AlertManager | undefined,
): void {
  const need = (p: Parameters<typeof requirePermission>[0]) => requirePermission(p, ctx.authenticators);
  const tenantOf = (c: { get(k: 'principal'): { role: string; tenant: string } }) => {
    const p = c.get('principal');
    return p.role === 'admin' ? undefined : p.tenant;
  };

  app.get('/v1/alerts', need('alerts:read'), async (c) => {
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) return sendError(c, 400, 'invalid_query', formatIssues(q.error.issues).join('; '));
    const status = q.data.status?.split(',').filter(Boolean);
    const bad = status?.find((s) => !(ALERT_STATUSES as readonly string[]).includes(s));
    if (bad) return sendError(c, 400, 'invalid_query', `status: not one of ${ALERT_STATUSES.join(', ')}`);
    await manager()?.idle();
    const alerts = await ctx.store.listAlerts({
      tenant: tenantOf(c),
      status: status as AlertStatus[] | undefined,
      severity: q.data.severity?.split(',').filter(Boolean),
      rule_id: q.data.rule,
      limit: q.data.limit,
    });
    return c.json({ alerts });
  });

  app.get('/v1/alerts/stream', need('alerts:read'), (c) => {
    const m = manager();
    if (!m) return sendError(c, 503, 'unavailable', 'the rules engine is not running');
    const tenant = tenantOf(c);
    return streamSSE(c, async (stream) => {
      const queue: { type: string; alert: AlertRecord }[] = [];
      let wake: (() => void) | undefined;
      const off = m.subscribe((ch) => {
        if (tenant !== undefined && ch.alert.tenant !== tenant) return;
        // New alerts matter most; a burst of grouped updates must not crowd them out.
        if (queue.length < (ch.type === 'alert' ? 1000 : 100)) queue.push(ch);
        wake?.();
      });
      stream.onAbort(() => {
        off();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted) {
        const next = queue.shift();
        if (next) {
          const a = next.alert;
          await stream.writeSSE({
            event: next.type,
            id: a.id,
            data: JSON.stringify({
              id: a.id,
              rule_id: a.rule_id,
              title: a.title,
              severity: a.severity,
              status: a.status,
              entity: a.entity,
              count: a.count,
            }),
          });
          continue;
        }
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 15_000).unref();
        });
        wake = undefined;
        if (!queue.length && !stream.aborted) await stream.write(': keep-alive\n\n');
      }
      off();
    });
  });

  app.get('/v1/alerts/:id', need('alerts:read'), async (c) => {
    const a = await (manager()?.get(c.req.param('id'), tenantOf(c)) ?? ctx.store.getAlert(c.req.param('id')));
    if (!a || (tenantOf(c) !== undefined && a.tenant !== tenantOf(c)))
      return sendError(c, 404, 'not_found', 'no such alert');
    return c.json(a);
  });

  const verbs: [string, AlertStatus][] = [
    ['ack', 'acknowledged'],
    ['resolve', 'resolved'],
    ['suppress', 'suppressed'],
    ['reopen', 'open'],
  ];
  for (const [verb, status] of verbs) {
    app.post(`/v1/alerts/:id/${verb}`, need('alerts:write'), async (c) => {
      const m = manager();
      if (!m) return sendError(c, 503, 'unavailable', 'the rules engine is not running');
      try {
        const a = await m.transition(
          c.req.param('id'),
          status,
          `user:${c.get('principal').principal}`,
          tenantOf(c),
        );
        return a ? c.json(a) : sendError(c, 404, 'not_found', 'no such alert');
      } catch (e) {
        if (e instanceof TransitionError) return sendError(c, 409, 'conflict', e.message);
        throw e;
      }
    });
  }

  app.post('/v1/alerts/:id/comments', need('alerts:write'), async (c) => {
    const m = manager();
    if (!m) return sendError(c, 503, 'unavailable', 'the rules engine is not running');
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return sendError(c, 400, 'invalid_body', 'body must be a JSON object');
    }
    const b = commentBody.safeParse(raw);
    if (!b.success) return sendError(c, 400, 'invalid_body', formatIssues(b.error.issues).join('; '));
    // Comments are metadata visible to every alert reader: pasted secrets or PII are redacted.
    const a = await m.comment(
      c.req.param('id'),
      scrub(b.data.text),
      c.get('principal').principal,
      tenantOf(c),
    );
    return a ? c.json(a, 201) : sendError(c, 404, 'not_found', 'no such alert');
  });
}
