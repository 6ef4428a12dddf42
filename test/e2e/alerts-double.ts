import type { Hono } from 'hono';
import { requirePermission } from '../../src/api/auth-middleware.js';
import type { AppEnv } from '../../src/api/env.js';
import type { ServerContext, ServerModule } from '../../src/server-context.js';

/**
 * Test double for the rules engine's `/v1/alerts`, used only
 * while that module is not in `defaultModules()`: the browser tests then exercise the pages
 * against the documented shapes. Not shipped.
 */
export function alertsDouble(evidence: () => string[]): ServerModule {
  const alerts = new Map<string, Record<string, unknown>>();
  return {
    name: 'alerts-double',
    routes(app: Hono<AppEnv>, ctx: ServerContext) {
      const need = (p: Parameters<typeof requirePermission>[0]) => requirePermission(p, ctx.authenticators);
      const seed = () => {
        if (alerts.size) return;
        alerts.set('alert-1', {
          id: 'alert-1',
          rule_id: 'llm-injection-campaign',
          title: 'Active prompt injection campaign',
          severity: 'high',
          status: 'open',
          entity: { type: 'caller', value: 'mallory-stolen-key' },
          created_at: new Date(Date.now() - 50 * 60_000).toISOString(),
          atlas: { tactic: 'AML.TA0005 Execution', technique: 'AML.T0051 LLM Prompt Injection' },
          owasp: 'LLM01',
          triage:
            'Several blocked injection attempts from one caller within minutes. Check whether the key is used from a known address; block the identity if not.',
          evidence: evidence(),
          comments: [],
        });
      };
      app.get('/v1/alerts', need('alerts:read'), (c) => {
        seed();
        const status = c.req.query('status');
        return c.json({ alerts: [...alerts.values()].filter((a) => !status || a.status === status) });
      });
      app.get('/v1/alerts/:id', need('alerts:read'), (c) => {
        seed();
        const a = alerts.get(c.req.param('id'));
        return a ? c.json(a) : c.json({ error: { type: 'not_found', message: 'no such alert' } }, 404);
      });
      for (const [verb, status] of [
        ['ack', 'acknowledged'],
        ['resolve', 'resolved'],
      ] as const) {
        app.post(`/v1/alerts/:id/${verb}`, need('alerts:write'), (c) => {
          const a = alerts.get(c.req.param('id'));
          if (!a) return c.json({ error: { type: 'not_found', message: 'no such alert' } }, 404);
          a.status = status;
          return c.json(a);
        });
      }
      app.post('/v1/alerts/:id/comments', need('alerts:write'), async (c) => {
        const a = alerts.get(c.req.param('id'));
        if (!a) return c.json({ error: { type: 'not_found', message: 'no such alert' } }, 404);
        const { text } = (await c.req.json()) as { text: string };
        (a.comments as unknown[]).push({
          author: c.get('principal').principal,
          text,
          ts: new Date().toISOString(),
        });
        return c.json(a, 201);
      });
    },
  };
}
