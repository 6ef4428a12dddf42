import type { AuditTrail } from '../audit/audit-trail.js';
import type { GovernanceConfig } from '../config/governance-schema.js';
import type { KeyProvider } from '../crypto/key-provider.js';
import type { Store } from '../store/types.js';
import {
  cutoff,
  METADATA_CLASSES,
  retentionScopes,
  shredBefore,
  type MetadataClass,
  type RetentionScope,
} from './retention-policy.js';
import { pruneRollups, readRollups, rollUpBeforeDelete, ROLLUP_STATE_KEY } from './usage-rollup.js';

export interface RetentionReport {
  dry_run: boolean;
  at: string;
  /** Metadata rows deleted (or, on a dry run, that would be) per log class. */
  metadata: Record<MetadataClass, number>;
  content: number;
  /** Days whose data keys were destroyed: their content is unrecoverable, backups included. */
  shredded_days: string[];
  usage_calls_rolled_up: number;
  usage_rollups_pruned: number;
}

export interface RetentionDeps {
  store: Store;
  keys: KeyProvider;
  audit: AuditTrail;
  retention: GovernanceConfig['retention'];
}

export interface ExpiredCounts {
  content: number;
  metadata: Record<MetadataClass, number>;
}

/**
 * Deletes (or with `dryRun` counts) every record past its class's retention, scope by scope.
 * `beforeInvocationDelete` runs just before invocation rows go, for the usage rollup.
 */
export async function sweepExpired(
  store: Store,
  retention: GovernanceConfig['retention'],
  now: Date,
  dryRun: boolean,
  beforeInvocationDelete?: (scope: RetentionScope, before: string) => Promise<void>,
): Promise<ExpiredCounts> {
  const out: ExpiredCounts = { content: 0, metadata: { control: 0, invocation: 0, guardrail: 0 } };
  for (const scope of retentionScopes(retention)) {
    const who = { tenant: scope.tenant, exceptTenants: scope.except, dryRun };
    out.content += await store.deleteEvents({
      ...who,
      tier: 'content',
      before: cutoff(now, scope.days.content),
    });
    for (const cls of Object.keys(METADATA_CLASSES) as MetadataClass[]) {
      const before = cutoff(now, scope.days[cls]);
      if (cls === 'invocation' && !dryRun) await beforeInvocationDelete?.(scope, before);
      const kinds = [...METADATA_CLASSES[cls]];
      out.metadata[cls] += await store.deleteEvents({ ...who, tier: 'metadata', before, kinds });
    }
  }
  return out;
}

/**
 * Deletes every record past its class's retention, tenant by tenant, then destroys the data keys
 * of days no tenant keeps content for. Each run, dry or not, is written to the audit trail.
 */
export async function runRetention(
  deps: RetentionDeps,
  opts: { dryRun?: boolean; now?: Date; actor?: string } = {},
): Promise<RetentionReport> {
  const now = opts.now ?? new Date();
  const dryRun = opts.dryRun ?? false;
  const { store, keys } = deps;
  const report: RetentionReport = {
    dry_run: dryRun,
    at: now.toISOString(),
    metadata: { control: 0, invocation: 0, guardrail: 0 },
    content: 0,
    shredded_days: [],
    usage_calls_rolled_up: 0,
    usage_rollups_pruned: 0,
  };
  const rollups = await readRollups(store);
  const counts = await sweepExpired(store, deps.retention, now, dryRun, async (scope, before) => {
    report.usage_calls_rolled_up += await rollUpBeforeDelete(store, rollups, { ...scope, before });
    await store.setState(ROLLUP_STATE_KEY, JSON.stringify(rollups));
  });
  report.content = counts.content;
  report.metadata = counts.metadata;
  const usageDays = (tenant: string) => deps.retention.tenants[tenant]?.usage ?? deps.retention.days.usage;
  report.usage_rollups_pruned = pruneRollups(rollups, (t) => cutoff(now, usageDays(t)));
  if (!dryRun) await store.setState(ROLLUP_STATE_KEY, JSON.stringify(rollups));

  const lastShredded = shredBefore(deps.retention, now);
  for (const day of keys.listDays()) {
    if (day >= lastShredded) break;
    if (!dryRun) keys.shredDay(day);
    report.shredded_days.push(day);
  }
  await deps.audit.record({
    actor: opts.actor ?? 'retention-job',
    action: dryRun ? 'retention.dry_run' : 'retention.run',
    target: 'events',
    details: { ...report },
  });
  return report;
}
