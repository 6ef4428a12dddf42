import { ROLES, type Role } from '../../auth/roles.js';
import { UserExistsError, type UserRecord } from '../types.js';
import type { SqlRunner } from './overview.js';
import { ISO } from './row.js';
import { micros } from './where.js';

const SELECT_USER = `SELECT id, name, role, tenant, team, password_hash, ${ISO('created_at')} AS created_iso,
  CASE WHEN disabled_at IS NULL THEN NULL ELSE ${ISO('disabled_at')} END AS disabled_iso FROM dashboard_users`;

function toUser(r: Record<string, unknown>): UserRecord {
  const role = String(r.role);
  if (!(ROLES as readonly string[]).includes(role))
    throw new Error(`user ${String(r.name)} has an unknown role`);
  const u: UserRecord = {
    id: String(r.id),
    name: String(r.name),
    role: role as Role,
    tenant: String(r.tenant),
    password_hash: String(r.password_hash),
    created_at: String(r.created_iso),
  };
  if (r.team !== null && r.team !== undefined) u.team = String(r.team);
  if (r.disabled_iso !== null && r.disabled_iso !== undefined) u.disabled_at = String(r.disabled_iso);
  return u;
}

export async function insertUser(exec: SqlRunner, u: UserRecord): Promise<void> {
  const params: (string | number)[] = [];
  const p = (v: string | number | undefined, wrap = (x: string) => x) =>
    v === undefined ? 'NULL' : (params.push(v), wrap(`$${params.length}`));
  const time = (x: string) => `make_timestamp(${x}::BIGINT)`;
  const values = [
    p(u.id),
    p(u.name),
    p(u.role),
    p(u.tenant),
    p(u.team),
    p(u.password_hash),
    p(micros(u.created_at), time),
    p(u.disabled_at === undefined ? undefined : micros(u.disabled_at), time),
  ];
  try {
    await exec(`INSERT INTO dashboard_users VALUES (${values.join(', ')})`, params);
  } catch (e) {
    if (/constraint|duplicate/i.test((e as Error).message)) throw new UserExistsError(u.name);
    throw e;
  }
}

export async function selectUser(run: SqlRunner, name: string): Promise<UserRecord | undefined> {
  const rows = await run(`${SELECT_USER} WHERE name = $1`, [name]);
  return rows[0] ? toUser(rows[0]) : undefined;
}

export async function selectUsers(run: SqlRunner): Promise<UserRecord[]> {
  return (await run(`${SELECT_USER} ORDER BY name`, [])).map(toUser);
}
