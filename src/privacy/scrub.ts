import { piiDetector } from '../detect/pii/pii-detector.js';
import { secretsDetector } from '../detect/secrets/secrets-detector.js';
import { redactText } from '../detect/redact.js';
import type { Detector, Finding } from '../detect/types.js';

/**
 * The redaction chokepoint for everything that is not the encrypted content tier: metadata
 * strings, error messages, log lines, alert evidence, notification payloads, exports. Anything
 * that may carry text a user or a client wrote goes through `scrub` before it leaves the process.
 *
 * It uses only the redacting detectors (PII and secrets), which are pure and fast; the full
 * detector set replaces the day-one default through `setScrubDetectors` at start-up.
 */
let detectors: readonly Detector[] = [secretsDetector, piiDetector];

export function setScrubDetectors(list: readonly Detector[]): void {
  detectors = list;
}

export function scrubDetectors(): readonly Detector[] {
  return detectors;
}

/** Returns the text with every PII or secret span replaced by a typed placeholder. */
export function scrub(text: string): string {
  if (text.length < 6) return text;
  const found: Finding[] = [];
  for (const d of detectors) {
    for (const f of d.detect(text, { field: 'other' })) if (f.redact) found.push(f);
  }
  return found.length ? redactText(text, found) : text;
}

/** Scrubs every string inside a JSON-like value (keys included), without changing its shape. */
export function scrubDeep<T>(value: T, depth = 0): T {
  if (depth > 32) return '[truncated]' as unknown as T;
  if (typeof value === 'string') return scrub(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1)) as unknown as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[scrub(k)] = scrubDeep(v, depth + 1);
    return out as T;
  }
  return value;
}
