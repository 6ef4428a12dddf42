import { resolve } from 'node:path';
import { ApiKeyStore } from '../../auth/api-keys.js';
import { ROLES, type Role } from '../../auth/roles.js';
import { loadConfig } from '../../config/load.js';
import { UsageError, type Command } from '../command.js';

const command: Command = {
  name: 'keys',
  summary: 'create, list and revoke API keys',
  usage: `Usage:
  sightline keys create --role ROLE [--principal NAME] [--team TEAM] [--tenant T] [--policy P] [--expires-days N]
  sightline keys list
  sightline keys revoke KEY_ID

Roles: ${ROLES.join(', ')}. The key is printed once; only its hash is kept (in DATA_DIR/api-keys.json).
A running server picks up changes within a second.`,
  positionals: true,
  options: {
    role: { type: 'string' },
    principal: { type: 'string' },
    team: { type: 'string' },
    tenant: { type: 'string' },
    policy: { type: 'string' },
    'expires-days': { type: 'string' },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    const config = loadConfig({
      file: values.config as string | undefined,
      overrides: values['data-dir'] ? { data_dir: values['data-dir'] as string } : {},
    });
    const store = new ApiKeyStore(resolve(config.data_dir, 'api-keys.json'));
    const [verb, arg] = positionals;
    if (verb === 'create') {
      const role = values.role as string | undefined;
      if (!role || !(ROLES as readonly string[]).includes(role)) {
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      }
      const days = values['expires-days'] !== undefined ? Number(values['expires-days']) : undefined;
      if (days !== undefined && !(days > 0)) throw new UsageError('--expires-days must be a positive number');
      const { key, record } = store.create({
        role: role as Role,
        principal: (values.principal as string | undefined) ?? `${role}-key`,
        team: values.team as string | undefined,
        tenant: values.tenant as string | undefined,
        policy: values.policy as string | undefined,
        expiresAt: days ? new Date(Date.now() + days * 86_400_000).toISOString() : undefined,
      });
      if (values.json)
        console.log(JSON.stringify({ key, id: record.id, role: record.role, principal: record.principal }));
      else console.log(`${key}\n(id ${record.id}, role ${record.role}; store it now, it is not shown again)`);
      return 0;
    }
    if (verb === 'list') {
      for (const k of store.list()) {
        const state = k.revoked_at
          ? 'revoked'
          : k.expires_at && Date.parse(k.expires_at) < Date.now()
            ? 'expired'
            : 'active';
        console.log(
          `${k.id}  ${k.role.padEnd(11)}  ${state.padEnd(7)}  ${k.principal}${k.team ? ` (${k.team})` : ''}`,
        );
      }
      return 0;
    }
    if (verb === 'revoke') {
      if (!arg) throw new UsageError('revoke needs a key id');
      if (!store.revoke(arg)) throw new UsageError(`no active key with id ${arg}`);
      console.log(`revoked ${arg}`);
      return 0;
    }
    throw new UsageError('expected create, list or revoke');
  },
};
export default command;
