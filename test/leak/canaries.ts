/**
 * One value of every sensitive kind. Each must be findable by the redacting detectors, and none
 * may ever appear in clear outside the encrypted content tier.
 */
export const CANARIES = {
  email: 'canary.leak.7f3a@example.org',
  phone: '+1 415-555-0199',
  card: '4539 1488 0343 6467',
  ssn: '512-44-6789',
} as const;

/** Values that may legitimately be present nowhere: a caller's own bearer token. */
export const BEARER = `sl_0123456789ab_${'Q'.repeat(43)}`;

export function canaryText(): string {
  return `Contact ${CANARIES.email} or ${CANARIES.phone}; card ${CANARIES.card}; ssn ${CANARIES.ssn}.`;
}

/** The strings a scan looks for: the values and their digit-only forms. */
export function needles(): string[] {
  const out = new Set<string>([BEARER]);
  for (const v of Object.values(CANARIES)) {
    out.add(v);
    const digits = v.replace(/\D/g, '');
    if (digits.length >= 9) out.add(digits);
  }
  return [...out];
}
