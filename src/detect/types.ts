/**
 * Detectors are pure functions over one piece of text plus context. They run inline in the gateway,
 * so they must be fast (microseconds) and must never throw on hostile input.
 */

/** Which content field a piece of text came from; leakage detectors only look at outputs. */
export const TEXT_FIELDS = [
  'prompt',
  'system_prompt',
  'response',
  'tool_parameters',
  'tool_result',
  'retrieval',
  'other',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface DetectContext {
  field: TextField;
  /** The configured system prompt, for overlap checks on responses. */
  systemPrompt?: string;
  /** Canary tokens planted in the system prompt; any of them in a response is a leak. */
  canaries?: readonly string[];
  /** Domains that markdown links and images in responses may point to. */
  allowedDomains?: readonly string[];
}

export interface Finding {
  /** Dotted category: family first (`injection.override`, `pii.email`, `secret.aws_access_key`). */
  category: string;
  detector: string;
  /** Confidence in [0, 1]. */
  score: number;
  field: TextField;
  /** UTF-16 offsets into the text that was scanned. */
  start: number;
  end: number;
  /** True where the span must be removed before content is stored (PII, secrets). */
  redact?: boolean;
}

export interface Detector {
  readonly id: string;
  /** Fields this detector scans; others are skipped without calling it. */
  readonly fields: readonly TextField[];
  detect(text: string, ctx: DetectContext): Finding[];
}

export interface DetectionResult {
  findings: Finding[];
  /** Calibrated probability-like score in [0, 1] that the interaction is an attack or a leak. */
  riskScore: number;
}

export const ALL_FIELDS: readonly TextField[] = TEXT_FIELDS;
