import type { GovernanceConfig } from '../config/governance-schema.js';
import type { StoredFinding } from '../events/schema.js';
import type { SightlineEvent } from '../events/schema.js';

export const REGION_CATEGORY = 'compliance.region';
export const UNREDACTED_CATEGORY = 'compliance.unredacted_content';

/** The regions a tenant may use; undefined when any region is allowed. */
export function allowedRegions(regions: GovernanceConfig['regions'], tenant: string): string[] | undefined {
  const list = regions.tenants[tenant] ?? regions.default;
  return list.length ? list : undefined;
}

/** A finding when the event names a region its tenant is not allowed to use. */
export function regionFinding(
  regions: GovernanceConfig['regions'],
  e: SightlineEvent,
): StoredFinding | undefined {
  if (e.region === undefined) return undefined;
  const allowed = allowedRegions(regions, e.tenant);
  if (!allowed || allowed.includes(e.region)) return undefined;
  return { category: REGION_CATEGORY, detector: 'compliance', score: 1, field: 'region', start: 0, end: 0 };
}
