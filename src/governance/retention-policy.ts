import type { GovernanceConfig, RetentionClass, RetentionDays } from '../config/governance-schema.js';
import type { EventKind } from '../events/schema.js';

/** Which event kinds each metadata log class covers. Every kind belongs to exactly one class. */
export const METADATA_CLASSES = {
  control: ['control', 'prompt.change', 'auth'],
  invocation: ['llm.call', 'retrieval', 'tool.call', 'egress', 'prediction'],
  guardrail: ['guardrail'],
} as const satisfies Partial<Record<RetentionClass, readonly EventKind[]>>;

export type MetadataClass = keyof typeof METADATA_CLASSES;

/**
 * One group of tenants sharing the same retention: either a single tenant with overrides, or
 * every other tenant (`tenant` undefined, `except` listing the overridden ones).
 */
export interface RetentionScope {
  tenant?: string;
  except: string[];
  days: RetentionDays;
}

export function retentionScopes(cfg: GovernanceConfig['retention']): RetentionScope[] {
  const overridden = Object.keys(cfg.tenants).sort();
  return [
    { except: overridden, days: cfg.days },
    ...overridden.map((tenant) => ({ tenant, except: [], days: { ...cfg.days, ...cfg.tenants[tenant] } })),
  ];
}

/**
 * Start of the first UTC day still kept: records strictly before it are expired. Whole days, so
 * a day's content and its data key expire together.
 */
export function cutoff(now: Date, days: number): string {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - days * 86_400_000).toISOString();
}

/**
 * Day keys are shared by all tenants, so a day is shredded only once the tenant that keeps
 * content longest no longer needs it.
 */
export function shredBefore(cfg: GovernanceConfig['retention'], now: Date): string {
  const longest = Math.max(...retentionScopes(cfg).map((s) => s.days.content));
  return cutoff(now, longest).slice(0, 10);
}
