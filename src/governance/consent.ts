import type { GovernanceConfig } from '../config/governance-schema.js';
import type { SightlineEvent } from '../events/schema.js';

/**
 * Whether the people behind an event agreed to their content being stored. A recorded `false`
 * (consent withdrawn) always wins; with `required`, only a recorded `true` allows storage.
 */
export function hasContentConsent(consent: GovernanceConfig['consent'], e: SightlineEvent): boolean {
  const user = e.attributes?.[consent.user_attribute];
  const byUser = typeof user === 'string' ? consent.users[user] : undefined;
  const byCaller = e.caller !== undefined ? consent.callers[e.caller] : undefined;
  if (byUser === false || byCaller === false) return false;
  if (!consent.required) return true;
  return byUser === true || byCaller === true;
}
