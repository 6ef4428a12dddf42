import type { Hono } from 'hono';
import { alertRoutes } from '../alerts/routes.js';
import { requirePermission } from '../api/auth-middleware.js';
import type { AppEnv } from '../api/env.js';
import type { ServerContext, ServerModule } from '../server-context.js';
import { RulesService } from './service.js';
import { runRuleTests } from './test-runner.js';

/** The rules engine, alerts API (`/v1/alerts`) and rule catalogue (`/v1/rules`). */
export function rulesModule(): ServerModule & { service(): RulesService | undefined } {
  let svc: RulesService | undefined;
  let testResults: Map<string, boolean> | undefined;
  const ensure = (ctx: ServerContext) => (svc ??= new RulesService(ctx));
  return {
    name: 'rules',
    service: () => svc,
    routes(app: Hono<AppEnv>, ctx) {
      if (!ctx.config.rules.enabled) return;
      ensure(ctx);
      alertRoutes(app, ctx, () => svc?.alerts);
      app.get('/v1/rules', requirePermission('rules:read', ctx.authenticators), (c) => {
        const s = ensure(ctx);
        testResults ??= new Map(s.rules.map((r) => [r.id, runRuleTests(r, s.rules).every((t) => t.passed)]));
        return c.json({
          rules: s.rules.map((r) => ({
            id: r.id,
            name: r.name,
            description: r.description,
            type: r.type,
            severity: r.severity,
            enabled: r.enabled,
            alert: r.alert,
            atlas: { tactic: r.threat[0]!.tactic, technique: r.threat[0]!.technique },
            threat: r.threat,
            owasp: r.owasp,
            actions: r.actions.map((a) => ({ type: a.type, ttl_seconds: a.ttl / 1000 })),
            tests: { count: r.tests.length, passed: testResults!.get(r.id) ?? false },
          })),
        });
      });
    },
    async start(ctx) {
      if (!ctx.config.rules.enabled) return;
      await ensure(ctx).start();
    },
    async stop() {
      await svc?.stop();
    },
  };
}
