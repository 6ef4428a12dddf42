import type { Hono } from 'hono';
import { z } from 'zod';
import { requirePermission } from '../../api/auth-middleware.js';
import type { AppEnv } from '../../api/env.js';
import { sendError } from '../../api/errors.js';
import { verifyChain } from '../../audit/audit-trail.js';
import type { ServerContext } from '../../server-context.js';

const query = z
  .object({
    after_seq: z.coerce.number().int().min(-1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** The audit trail for the auditor role: newest entries, and whether the whole chain verifies. */
export function auditRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/v1/audit', requirePermission('audit:read', ctx.authenticators), async (c) => {
    const q = query.safeParse(c.req.query());
    if (!q.success) return sendError(c, 400, 'invalid_query', 'after_seq and limit must be integers');
    const all = await ctx.store.listAudit();
    const verify = verifyChain(all);
    const entries =
      q.data.after_seq !== undefined
        ? all.filter((r) => r.seq > q.data.after_seq!).slice(0, q.data.limit)
        : all.slice(-q.data.limit).reverse();
    return c.json({ entries, verify });
  });
}
