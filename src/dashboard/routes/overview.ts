import type { Hono } from 'hono';
import { z } from 'zod';
import { requirePermission } from '../../api/auth-middleware.js';
import type { AppEnv } from '../../api/env.js';
import { sendError } from '../../api/errors.js';
import { can } from '../../auth/roles.js';
import { formatIssues } from '../../config/load.js';
import type { ServerContext } from '../../server-context.js';
import { OVERVIEW_PANELS, type OverviewPanel } from '../../store/dashboard-types.js';

export const RANGES = {
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 86400,
  '7d': 7 * 86400,
  '30d': 30 * 86400,
} as const;
const NICE_BUCKETS = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400];

const querySchema = z
  .object({
    range: z.enum(Object.keys(RANGES) as [keyof typeof RANGES]).default('24h'),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    tenant: z.string().max(64).optional(),
  })
  .strict();

/** Cost panels need `costs:read`; the rest of the overview is operational metadata. */
const COST_PANELS: readonly OverviewPanel[] = ['cost_burn_rate', 'team_usage', 'tokens_by_identity'];

/** About 24-60 points whatever the range, on boundaries people read easily. */
export function bucketFor(rangeSeconds: number): number {
  return NICE_BUCKETS.find((b) => rangeSeconds / b <= 60) ?? 86400;
}

export function overviewRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/v1/dashboard/overview', requirePermission('events:read', ctx.authenticators), async (c) => {
    const parsed = querySchema.safeParse(c.req.query());
    if (!parsed.success)
      return sendError(c, 400, 'invalid_query', formatIssues(parsed.error.issues).join('; '));
    const q = parsed.data;
    const to = q.to ? new Date(q.to) : new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - RANGES[q.range] * 1000);
    const span = (to.getTime() - from.getTime()) / 1000;
    if (!(span > 0) || span > 366 * 86400)
      return sendError(c, 400, 'invalid_query', 'from must be before to, within a year');
    const principal = c.get('principal');
    const cfg = ctx.config.dashboard;
    const hidden = can(principal.role, 'costs:read') ? [] : COST_PANELS;
    const bucket = bucketFor(span);
    // Align to the bucket so a refresh a minute later shows the same buckets, one step on.
    const alignedFrom = new Date(Math.floor(from.getTime() / (bucket * 1000)) * bucket * 1000);
    const data = await ctx.store.overview({
      tenant: principal.role === 'admin' ? q.tenant : principal.tenant,
      from: alignedFrom.toISOString(),
      to: to.toISOString(),
      bucketSeconds: bucket,
      suspiciousFamilies: cfg.suspicious_families,
      topN: cfg.top_n,
      panels: OVERVIEW_PANELS.filter((p) => !hidden.includes(p)),
    });
    return c.json({ ...data, hidden, thresholds: cfg.thresholds });
  });
}
