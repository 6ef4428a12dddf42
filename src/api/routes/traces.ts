import type { Hono } from 'hono';
import { can } from '../../auth/roles.js';
import type { SightlineEvent } from '../../events/schema.js';
import type { ServerContext } from '../../server-context.js';
import { requirePermission } from '../auth-middleware.js';
import { readContent, type ContentResult } from '../content-access.js';
import type { AppEnv } from '../env.js';
import { sendError } from '../errors.js';

export interface TraceNode {
  event: SightlineEvent & Partial<ContentResult>;
  /** Milliseconds from the trace's first event. */
  offset_ms: number;
  children: TraceNode[];
}

/**
 * Orders a trace's events into a tree by span parentage, siblings by time. Events whose parent is
 * not in the store (a span Sightline did not keep) hang from the root list, still in time order.
 */
export function buildTraceTree(events: readonly (SightlineEvent & Partial<ContentResult>)[]): TraceNode[] {
  const sorted = [...events].sort((a, b) => a.ts.localeCompare(b.ts));
  const t0 = sorted.length ? Date.parse(sorted[0]!.ts) : 0;
  const nodes = new Map<string, TraceNode>();
  const all = sorted.map((event) => {
    const node: TraceNode = { event, offset_ms: Date.parse(event.ts) - t0, children: [] };
    if (event.span_id && !nodes.has(event.span_id)) nodes.set(event.span_id, node);
    return node;
  });
  const roots: TraceNode[] = [];
  for (const node of all) {
    const parent = node.event.parent_span_id ? nodes.get(node.event.parent_span_id) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function traceRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/v1/traces/:id', requirePermission('events:read', ctx.authenticators), async (c) => {
    const principal = c.get('principal');
    const id = c.req.param('id');
    if (!/^[A-Za-z0-9._:-]{1,256}$/.test(id))
      return sendError(c, 400, 'invalid_query', 'trace id: letters, digits and . _ : - only');
    const wantContent = c.req.query('include') === 'content';
    if (wantContent && !can(principal.role, 'content:read'))
      return sendError(c, 403, 'forbidden', `role ${principal.role} may not read content`);
    const page = await ctx.store.queryEvents({
      trace_id: id,
      limit: 1000,
      order: 'asc',
      tenant: principal.role === 'admin' ? undefined : principal.tenant,
    });
    if (page.events.length === 0) return sendError(c, 404, 'not_found', 'no events in this trace');
    let events: (SightlineEvent & Partial<ContentResult>)[] = page.events;
    if (wantContent) {
      const content = await readContent(
        ctx,
        principal,
        page.events.filter((e) => e.has_content).map((e) => e.id),
        'trace view',
      );
      events = page.events.map((e) => ({ ...e, ...(content.get(e.id) ?? {}) }));
    }
    return c.json({
      trace_id: id,
      events,
      tree: buildTraceTree(events),
      truncated: Boolean(page.next_cursor),
    });
  });
}
