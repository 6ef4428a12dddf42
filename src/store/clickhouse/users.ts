import type { UserRecord } from '../dashboard-types.js';
import { UserExistsError } from '../types.js';
import { isoOf } from './time.js';
import type { Params } from './where.js';

type Row = Record<string, unknown>;

interface ChAccess {
  exec(query: string, params: Params): Promise<void>;
  rows(query: string, params?: Params): Promise<Row[]>;
  table(name: string): string;
}

/**
 * Dashboard users on ClickHouse. It has no unique constraints: names are checked before insert,
 * serialised in this process. Users are created by an admin on one node; the earliest row wins on
 * read if two raced.
 */
export class ChUsers {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ch: ChAccess) {}

  create(u: UserRecord): Promise<void> {
    const run = this.queue.then(async () => {
      if (await this.get(u.name)) throw new UserExistsError(u.name);
      await this.ch.exec(
        `INSERT INTO ${this.ch.table('dashboard_users')} VALUES ({id:String}, {name:String}, {role:String}, {tenant:String},
         {team:Nullable(String)}, {ph:String}, fromUnixTimestamp64Milli({c:Int64}, 'UTC'),
         if(isNull({d:Nullable(Int64)}), NULL, fromUnixTimestamp64Milli(assumeNotNull({d:Nullable(Int64)}), 'UTC')))`,
        {
          id: u.id,
          name: u.name,
          role: u.role,
          tenant: u.tenant,
          team: u.team ?? null,
          ph: u.password_hash,
          c: Date.parse(u.created_at),
          d: u.disabled_at === undefined ? null : Date.parse(u.disabled_at),
        },
      );
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async get(name: string): Promise<UserRecord | undefined> {
    const rows = await this.ch.rows(
      `${this.select()} WHERE name = {n:String} ORDER BY created_at, id LIMIT 1`,
      {
        n: name,
      },
    );
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.ch.rows(`${this.select()} ORDER BY name, created_at, id LIMIT 1 BY name`)).map(toUser);
  }

  private select(): string {
    return `SELECT id, name, role, tenant, team, password_hash, toUnixTimestamp64Milli(created_at) AS c_ms,
      if(isNull(disabled_at), NULL, toUnixTimestamp64Milli(assumeNotNull(disabled_at))) AS d_ms
      FROM ${this.ch.table('dashboard_users')}`;
  }
}

function toUser(r: Row): UserRecord {
  const u: UserRecord = {
    id: String(r.id),
    name: String(r.name),
    role: String(r.role) as UserRecord['role'],
    tenant: String(r.tenant),
    password_hash: String(r.password_hash),
    created_at: isoOf(r.c_ms),
  };
  if (r.team !== null && r.team !== undefined) u.team = String(r.team);
  if (r.d_ms !== null && r.d_ms !== undefined) u.disabled_at = isoOf(r.d_ms);
  return u;
}
