/**
 * Credential shapes published by their issuers. Flat, bounded patterns (linear-time); each has a
 * literal prefix the detector checks with `includes` before running the pattern at all.
 */
export interface SecretPattern {
  category: string;
  /** Cheap gate: the pattern cannot match unless the text contains one of these. */
  gate: readonly string[];
  re: RegExp;
  score: number;
  /** Capture group holding the secret itself, when the match includes a label. */
  group?: number;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    category: 'secret.aws_access_key',
    gate: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    score: 0.95,
  },
  {
    category: 'secret.aws_secret_key',
    gate: ['ecret'],
    re: /aws.{0,20}?secret.{0,20}?["'\s:=]{1,5}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    score: 0.95,
    group: 1,
  },
  {
    category: 'secret.gcp_service_account',
    gate: ['private_key_id'],
    re: /"private_key_id"\s{0,3}:\s{0,3}"([a-f0-9]{40})"/g,
    score: 0.95,
    group: 1,
  },
  {
    category: 'secret.gcp_api_key',
    gate: ['AIza'],
    re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
    score: 0.9,
  },
  {
    category: 'secret.azure_connection_string',
    gate: ['AccountKey=', 'SharedAccessKey=', 'SharedAccessSignature='],
    re: /(?:AccountKey|SharedAccessKey|SharedAccessSignature)=([A-Za-z0-9+/%=&:-]{20,512})/g,
    score: 0.95,
    group: 1,
  },
  {
    category: 'secret.anthropic_api_key',
    gate: ['sk-ant-'],
    re: /\bsk-ant-[a-z]{3,8}\d{2}-[A-Za-z0-9_-]{32,128}(?![A-Za-z0-9_-])/g,
    score: 0.98,
  },
  {
    category: 'secret.openai_api_key',
    gate: ['sk-'],
    re: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
    score: 0.9,
  },
  {
    category: 'secret.github_token',
    // "gh" alone opens on "though" and "right": gate on the full prefixes instead.
    gate: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,76}|github_pat_[A-Za-z0-9_]{40,120})(?![A-Za-z0-9_])/g,
    score: 0.95,
  },
  {
    category: 'secret.slack_token',
    gate: ['xox'],
    re: /\bxox[abposr]-[A-Za-z0-9-]{10,200}(?![A-Za-z0-9-])/g,
    score: 0.95,
  },
  {
    category: 'secret.slack_webhook',
    gate: ['hooks.slack.com'],
    re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9]{6,16}\/[A-Za-z0-9]{6,16}\/[A-Za-z0-9]{16,48}/g,
    score: 0.95,
  },
  {
    category: 'secret.stripe_key',
    gate: ['_live_', '_test_'],
    re: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,128}(?![A-Za-z0-9])/g,
    score: 0.95,
  },
  {
    category: 'secret.jwt',
    gate: ['eyJ'],
    re: /\beyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,1024}/g,
    score: 0.85,
  },
];

/** Labels that make a random-looking token a credential. */
export const KEY_LABEL =
  /(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|auth|bearer|credential|private[_-]?key|access[_-]?key|client[_-]?secret)[A-Za-z0-9_-]{0,20}["']?\s{0,3}(?:[:=]|=>|\s)\s{0,3}["']?([A-Za-z0-9_\-+/=.~]{16,256})/gi;
