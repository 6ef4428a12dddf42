/**
 * One value of every sensitive kind. Each must be findable by the redacting detectors, and none
 * may ever appear in clear outside the encrypted content tier.
 */
// Credential-shaped values are assembled at run time so secret scanners do not flag this file.
const j = (...parts: string[]) => parts.join('');

export const CANARIES = {
  email: 'canary.leak.7f3a@example.org',
  phone: '+1 415-555-0199',
  card: '4539 1488 0343 6467',
  ssn: '512-44-6789',
  iban: 'GB82 WEST 1234 5698 7654 32',
  aws_key: j('AKIA', 'Z2Y3X4W5V6U7T2S3'),
  openai_key: j('sk-proj-', 'LeakCanary0123456789abcdefABCDEF0123'),
  jwt: j('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiJsZWFrLWNhbmFyeSJ9', '.Zk3mQ9vLr2TtW8yXbN1cF4hJ6sD0aE5gK7pU'),
  private_key: j(
    '-----BEGIN ',
    'PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7LeakCanaryKeyBody\n-----END PRIVATE KEY-----',
  ),
} as const;

/**
 * Planted in system prompts: it matches no detector, so it may only ever travel in the encrypted
 * content tier (or be caught by the canary-leak detector in a response).
 */
export const SYSTEM_PROMPT_CANARY = 'SL-SYSPROMPT-CANARY-5d1e9b';

/** Values that may legitimately be present nowhere: a caller's own bearer token. */
export const BEARER = `sl_0123456789ab_${'Q'.repeat(43)}`;

export function canaryText(): string {
  return [
    `Contact ${CANARIES.email} or ${CANARIES.phone}; card ${CANARIES.card}; ssn ${CANARIES.ssn}.`,
    `IBAN ${CANARIES.iban}; aws ${CANARIES.aws_key}; openai ${CANARIES.openai_key};`,
    `token ${CANARIES.jwt}`,
    CANARIES.private_key,
  ].join('\n');
}

/** The strings a scan looks for: the values and their digit-only forms. */
export function needles(): string[] {
  const out = new Set<string>([BEARER, SYSTEM_PROMPT_CANARY]);
  for (const v of Object.values(CANARIES)) {
    out.add(v);
    const digits = v.replace(/\D/g, '');
    if (digits.length >= 9 && digits.length <= 19) out.add(digits);
    // A private key leaks through any sizeable piece of its body.
    if (v.includes('PRIVATE KEY')) out.add('LeakCanaryKeyBody');
  }
  return [...out];
}
