import type { Hono } from 'hono';
import { z } from 'zod';
import { requirePermission } from '../../api/auth-middleware.js';
import type { AppEnv } from '../../api/env.js';
import { sendError } from '../../api/errors.js';
import type { ServerContext } from '../../server-context.js';
import { UserExistsError } from '../../store/types.js';
import { createDashboardUser, UserInputError } from '../users.js';

const newUser = z
  .object({
    name: z.string().max(64),
    role: z.string().max(32),
    password: z.string().max(1024),
    tenant: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
      .optional(),
    team: z.string().max(256).optional(),
  })
  .strict();

/** Dashboard users, managed by whoever manages keys; `sightline users create` uses this when the server holds the database. */
export function userRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const need = requirePermission('keys:manage', ctx.authenticators);

  app.get('/v1/users', need, async (c) => {
    const users = await ctx.store.listUsers();
    return c.json({
      users: users.map(({ password_hash: _omit, ...u }) => u),
    });
  });

  app.post('/v1/users', need, async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return sendError(c, 400, 'invalid_body', 'expected a JSON body');
    }
    const parsed = newUser.safeParse(body);
    if (!parsed.success)
      return sendError(c, 400, 'invalid_body', 'expected {name, role, password, tenant?, team?}');
    try {
      const { password_hash: _omit, ...user } = await createDashboardUser(ctx.store, parsed.data);
      const p = c.get('principal');
      await ctx.audit.record({
        actor: `${p.role}:${p.principal}`,
        action: 'user.create',
        target: user.name,
        details: { role: user.role },
      });
      return c.json(user, 201);
    } catch (e) {
      if (e instanceof UserInputError) return sendError(c, 400, 'invalid_body', e.message);
      if (e instanceof UserExistsError) return sendError(c, 409, 'conflict', 'a user with that name exists');
      throw e;
    }
  });
}
