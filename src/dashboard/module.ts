import type { ServerModule } from '../server-context.js';
import { auditRoutes } from './routes/audit.js';
import { overviewRoutes } from './routes/overview.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';
import { SessionStore, sessionAuthenticator } from './sessions.js';
import { staticRoutes } from './static.js';

/** The web dashboard: sign-in sessions, overview aggregates, users, and the built pages at `/`. */
export function dashboardModule(opts: { webRoot?: string } = {}): ServerModule {
  return {
    name: 'dashboard',
    routes(app, ctx) {
      const sessions = new SessionStore(ctx.config.dashboard.session_ttl_hours * 3600_000);
      ctx.authenticators.push(sessionAuthenticator(ctx, sessions));
      sessionRoutes(app, ctx, sessions);
      overviewRoutes(app, ctx);
      userRoutes(app, ctx);
      auditRoutes(app, ctx);
      if (ctx.config.dashboard.enabled) staticRoutes(app, opts.webRoot);
    },
  };
}
