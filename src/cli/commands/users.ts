import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { loadConfig } from '../../config/load.js';
import { DASHBOARD_ROLES, createDashboardUser, UserInputError } from '../../dashboard/users.js';
import { createStore } from '../../server.js';
import { UserExistsError } from '../../store/types.js';
import { UsageError, type Command } from '../command.js';
import { remoteOptions, resolveRemote } from '../remote.js';

/** Reads the password without echo on a terminal, or the first line of piped stdin. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk as Buffer);
      done();
    },
  });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output, terminal: true });
      muted = false;
      rl.question(q, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  const first = await ask('Password: ');
  const again = await ask('Repeat password: ');
  if (first !== again) throw new UsageError('the passwords differ');
  return first;
}

/** The server holds the database file; create the user through its API instead. */
async function createRemote(values: Record<string, unknown>, body: Record<string, unknown>): Promise<void> {
  const remote = resolveRemote(values);
  const res = await fetch(new URL('/v1/users', remote.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${remote.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.ok) return;
  const err = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  throw new Error(`${res.status}: ${err.error?.message ?? 'request failed'}`);
}

const command: Command = {
  name: 'users',
  summary: 'create and list dashboard users (password sign-in)',
  usage: `Usage:
  sightline users create --role ROLE --name NAME [--tenant T] [--team TEAM]
  sightline users list

Roles: ${DASHBOARD_ROLES.join(', ')}. The password is read from the terminal (twice, not echoed) or
from the first line of stdin when piped; never from the command line. Only its scrypt hash is kept.
With the server running (it holds the database), the user is created through its API with
--key/SIGHTLINE_API_KEY or the bootstrap admin key.`,
  positionals: true,
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    tenant: { type: 'string' },
    team: { type: 'string' },
    config: { type: 'string' },
    ...remoteOptions,
  },
  async run({ values, positionals }) {
    const [verb] = positionals;
    const config = loadConfig({
      file: values.config as string | undefined,
      overrides: values['data-dir'] ? { data_dir: values['data-dir'] as string } : {},
    });
    if (verb !== 'create' && verb !== 'list') throw new UsageError('expected create or list');
    const store = createStore(config);
    let local = true;
    try {
      await store.start();
    } catch (e) {
      if (!/lock/i.test((e as Error).message)) throw e;
      local = false;
    }
    try {
      if (verb === 'list') {
        if (!local) throw new Error('the server is running; list users with GET /v1/users');
        for (const u of await store.listUsers())
          console.log(
            `${u.name.padEnd(24)}  ${u.role.padEnd(11)}  ${u.tenant}${u.team ? ` (${u.team})` : ''}`,
          );
        return 0;
      }
      const role = values.role as string | undefined;
      const name = values.name as string | undefined;
      if (!role || !(DASHBOARD_ROLES as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${DASHBOARD_ROLES.join(', ')}`);
      if (!name) throw new UsageError('--name is required');
      const password = await readPassword();
      const input = {
        name,
        role,
        password,
        tenant: values.tenant as string | undefined,
        team: values.team as string | undefined,
      };
      try {
        if (local) await createDashboardUser(store, input);
        else await createRemote(values, input);
      } catch (e) {
        if (e instanceof UserInputError) throw new UsageError(e.message);
        if (e instanceof UserExistsError) throw new UsageError(e.message);
        throw e;
      }
      console.log(`created ${role} user ${name}`);
      return 0;
    } finally {
      if (local) await store.stop();
    }
  },
};
export default command;
