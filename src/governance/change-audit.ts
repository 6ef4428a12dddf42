import { createHash } from 'node:crypto';
import { builtInRulesDir, loadRules } from '../rules/loader.js';
import type { ServerContext, ServerModule } from '../server-context.js';

const CONFIG_STATE = 'governance.config_digest';
const KEYS_STATE = 'governance.api_keys_seen';
const RULES_STATE = 'governance.rules_digest';

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
 * Rules are files: an edited, added or removed rule (or one switched off in config) is found at
 * start by comparing each rule's digest with the last start's, and audited by rule id. The first
 * start records one entry for the whole set.
 */
export async function auditRules(ctx: ServerContext): Promise<void> {
  const loaded = loadRules([builtInRulesDir(), ...ctx.config.rules.dirs]);
  const disabled = new Set(ctx.config.rules.disabled);
  const now: Record<string, string> = {};
  for (const r of loaded.rules)
    now[r.id] = createHash('sha256')
      .update(JSON.stringify(r))
      .update(disabled.has(r.id) ? '\0disabled' : '')
      .digest('hex')
      .slice(0, 16);
  const raw = await ctx.store.getState(RULES_STATE);
  if (!raw) {
    await ctx.audit.record({
      actor: 'rules-dir',
      action: 'rules.initial',
      target: 'rules',
      details: { rules: Object.keys(now).length },
    });
    await ctx.store.setState(RULES_STATE, JSON.stringify(now));
    return;
  }
  const before = JSON.parse(raw) as Record<string, string>;
  let changed = false;
  for (const id of [...new Set([...Object.keys(now), ...Object.keys(before)])].sort()) {
    const action = !before[id]
      ? 'rule.add'
      : !now[id]
        ? 'rule.remove'
        : before[id] !== now[id]
          ? 'rule.change'
          : undefined;
    if (!action) continue;
    changed = true;
    await ctx.audit.record({
      actor: 'rules-dir',
      action,
      target: id,
      details: { digest: now[id] ?? null, enabled: now[id] ? !disabled.has(id) : null },
    });
  }
  if (changed) await ctx.store.setState(RULES_STATE, JSON.stringify(now));
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
      await auditRules(ctx);
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
