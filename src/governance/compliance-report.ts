import type { SightlineConfig } from '../config/schema.js';
import type { KeyProvider } from '../crypto/key-provider.js';
import type { Store } from '../store/types.js';
import { sweepExpired } from './retention-job.js';
import { shredBefore, type MetadataClass } from './retention-policy.js';
import { REGION_CATEGORY, UNREDACTED_CATEGORY } from './regions.js';

export interface ComplianceReport {
  at: string;
  retention: {
    /** Records past their retention that are still stored; all zero when adherent. */
    overdue: { content: number } & Record<MetadataClass, number>;
    /** Days whose content keys should have been shredded but still exist. */
    unshredded_days: string[];
    last_run?: string;
    adherent: boolean;
  };
  pii: {
    content_logging_enabled: boolean;
    unredacted_allowed: boolean;
    /** Events whose content was stored with PII or secrets in clear, over the window. */
    unredacted_events: number;
  };
  consent: {
    required: boolean;
    callers_granted: number;
    callers_withdrawn: number;
    users_granted: number;
    users_withdrawn: number;
  };
  regions: { restricted_tenants: number; default_restricted: boolean; violations: number };
  /** Plain-language findings a reviewer should act on. */
  flags: string[];
}

/** Summarises retention adherence, PII handling, consent and regions over the last `windowDays`. */
export async function complianceReport(
  deps: { store: Store; keys: KeyProvider; config: SightlineConfig },
  opts: { now?: Date; windowDays?: number } = {},
): Promise<ComplianceReport> {
  const now = opts.now ?? new Date();
  const { store, config } = deps;
  const gov = config.governance;
  const expired = await sweepExpired(store, gov.retention, now, true);
  const overdue = { content: expired.content, ...expired.metadata };
  const shredLimit = shredBefore(gov.retention, now);
  const unshredded = deps.keys.listDays().filter((d) => d < shredLimit);
  const lastRun = await lastAudit(store, 'retention.run');
  const from = new Date(now.getTime() - (opts.windowDays ?? 30) * 86_400_000).toISOString();
  const unredacted = await store.countEvents({ category: UNREDACTED_CATEGORY, from });
  const violations = await store.countEvents({ category: REGION_CATEGORY, from });
  const count = (r: Record<string, boolean>, v: boolean) => Object.values(r).filter((x) => x === v).length;
  const cl = config.content_logging;
  const contentOn =
    cl.enabled || Object.values(cl.tenants).some(Boolean) || Object.values(cl.callers).some(Boolean);
  const adherent = Object.values(overdue).every((n) => n === 0) && unshredded.length === 0;
  const flags: string[] = [];
  if (!adherent)
    flags.push('records or content keys are kept past their retention: run `sightline retention run`');
  if (!gov.retention.enabled) flags.push('the scheduled retention job is disabled');
  if (cl.allow_unredacted)
    flags.push('content_logging.allow_unredacted is on: PII and secrets are stored in clear');
  if (unredacted > 0) flags.push(`${unredacted} events stored content with PII or secrets unredacted`);
  if (contentOn && !gov.consent.required) flags.push('content is logged without requiring recorded consent');
  if (violations > 0) flags.push(`${violations} events came from regions their tenant is not allowed to use`);
  return {
    at: now.toISOString(),
    retention: { overdue, unshredded_days: unshredded, last_run: lastRun, adherent },
    pii: {
      content_logging_enabled: contentOn,
      unredacted_allowed: cl.allow_unredacted,
      unredacted_events: unredacted,
    },
    consent: {
      required: gov.consent.required,
      callers_granted: count(gov.consent.callers, true),
      callers_withdrawn: count(gov.consent.callers, false),
      users_granted: count(gov.consent.users, true),
      users_withdrawn: count(gov.consent.users, false),
    },
    regions: {
      restricted_tenants: Object.keys(gov.regions.tenants).length,
      default_restricted: gov.regions.default.length > 0,
      violations,
    },
    flags,
  };
}

async function lastAudit(store: Store, action: string): Promise<string | undefined> {
  let last: string | undefined;
  let after = 0;
  for (;;) {
    const rows = await store.listAudit({ afterSeq: after, limit: 10_000 });
    if (rows.length === 0) return last;
    for (const r of rows) if (r.action === action) last = r.ts;
    after = rows[rows.length - 1]!.seq;
  }
}
