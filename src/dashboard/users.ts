import { randomUUID } from 'node:crypto';
import type { Role } from '../auth/roles.js';
import type { Store, UserRecord } from '../store/types.js';
import { hashPassword, passwordProblem } from './passwords.js';

export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Roles a person signs in as; `ingest` and `app` are machine roles with API keys only. */
export const DASHBOARD_ROLES = [
  'admin',
  'analyst',
  'ml_platform',
  'finops',
  'auditor',
] as const satisfies readonly Role[];

export class UserInputError extends Error {}

export async function createDashboardUser(
  store: Store,
  input: { name: string; role: string; password: string; tenant?: string; team?: string },
): Promise<UserRecord> {
  if (!USER_NAME.test(input.name))
    throw new UserInputError('name: letters, digits and . _ @ - only, at most 64');
  if (!(DASHBOARD_ROLES as readonly string[]).includes(input.role))
    throw new UserInputError(`role must be one of ${DASHBOARD_ROLES.join(', ')}`);
  const problem = passwordProblem(input.password);
  if (problem) throw new UserInputError(problem);
  const user: UserRecord = {
    id: randomUUID(),
    name: input.name,
    role: input.role as Role,
    tenant: input.tenant ?? 'default',
    password_hash: await hashPassword(input.password),
    created_at: new Date().toISOString(),
  };
  if (input.team) user.team = input.team;
  await store.createUser(user);
  return user;
}
