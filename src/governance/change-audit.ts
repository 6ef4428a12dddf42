import { createHash } from 'node:crypto';
import type { ServerContext, ServerModule } from '../server-context.js';

const CONFIG_STATE = 'governance.config_digest';
const KEYS_STATE = 'governance.api_keys_seen';

/** Section name → digest, so a change entry says which sections changed without their values. */
function configDigests(config: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config as Record<string, unknown>)) {
    out[k] = createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);
  }
  return out;
}

/** What the audit trail needs to know of a key: never its hash. */
type KeySeen = Record<string, { role: string; principal: string; tenant: string; revoked: boolean }>;

async function auditConfig(ctx: ServerContext): Promise<void> {
  const now = configDigests(ctx.config);
  const raw = await ctx.store.getState(CONFIG_STATE);
  const before = raw ? (JSON.parse(raw) as Record<string, string>) : undefined;
  const changed = [...new Set([...Object.keys(now), ...Object.keys(before ?? {})])]
    .filter((k) => before?.[k] !== now[k])
    .sort();
  if (before && changed.length === 0) return;
  await ctx.audit.record({
    actor: 'system',
    action: before ? 'config.change' : 'config.initial',
    target: 'config',
    details: { sections: changed, digests: Object.fromEntries(changed.map((k) => [k, now[k] ?? null])) },
  });
  await ctx.store.setState(CONFIG_STATE, JSON.stringify(now));
}

async function auditKeys(ctx: ServerContext): Promise<void> {
  const raw = await ctx.store.getState(KEYS_STATE);
  const seen = raw ? (JSON.parse(raw) as KeySeen) : {};
  const now: KeySeen = {};
  for (const k of ctx.apiKeys.list()) {
    now[k.id] = {
      role: k.role,
      principal: k.principal,
      tenant: k.tenant,
      revoked: k.revoked_at !== undefined,
    };
  }
  let changed = false;
  for (const [id, k] of Object.entries(now)) {
    const old = seen[id];
    if (!old) {
      await ctx.audit.record({ actor: 'key-file', action: 'api_key.create', target: id, details: { ...k } });
      if (k.revoked) await ctx.audit.record({ actor: 'key-file', action: 'api_key.revoke', target: id });
    } else if (k.revoked && !old.revoked) {
      await ctx.audit.record({ actor: 'key-file', action: 'api_key.revoke', target: id });
    } else if (k.role !== old.role) {
      await ctx.audit.record({
        actor: 'key-file',
        action: 'api_key.role_change',
        target: id,
        details: { from: old.role, to: k.role },
      });
    } else continue;
    changed = true;
  }
  for (const id of Object.keys(seen)) {
    if (!now[id]) {
      await ctx.audit.record({ actor: 'key-file', action: 'api_key.remove', target: id });
      changed = true;
    }
  }
  if (changed || !raw) await ctx.store.setState(KEYS_STATE, JSON.stringify(now));
}

/**
 * Audits changes made outside the server's API: configuration edits (found at start, by section
 * digest) and API keys created, revoked or re-roled in the key file by `sightline keys`, even while
 * the server was down. Keys are compared every `intervalMs`.
 */
export function changeAuditModule(opts: { intervalMs?: number } = {}): ServerModule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  return {
    name: 'change-audit',
    async start(ctx) {
      if (timer) return;
      await auditConfig(ctx);
      await auditKeys(ctx);
      timer = setInterval(() => {
        running ??= auditKeys(ctx)
          .catch((e: unknown) => ctx.log.error('key change audit failed', { error: (e as Error).name }))
          .finally(() => (running = undefined));
      }, opts.intervalMs ?? 2000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
