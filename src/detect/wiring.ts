import type { SightlineConfig } from '../config/schema.js';
import { createCustomDetector } from './custom.js';
import { InjectionClassifier } from './injection/classifier.js';
import { createInjectionDetector } from './injection/injection-detector.js';
import { canaryDetector } from './leakage/canary.js';
import { exfilLinkDetector } from './leakage/exfil-link.js';
import { systemPromptOverlapDetector } from './leakage/system-prompt-overlap.js';
import { piiDetector } from './pii/pii-detector.js';
import { DetectorRegistry } from './registry.js';
import { secretsDetector } from './secrets/secrets-detector.js';
import type { Detector } from './types.js';

/** The detectors the server runs for this config. */
export function createDetectorRegistry(config: SightlineConfig): DetectorRegistry {
  const d = config.detection;
  const list: Detector[] = [];
  if (d.secrets.enabled) list.push(secretsDetector);
  if (d.pii.enabled) list.push(piiDetector);
  if (d.injection.enabled)
    list.push(
      createInjectionDetector({
        classifier: d.injection.classifier ? InjectionClassifier.shipped() : null,
        classifierThreshold: d.injection.classifier_threshold,
        disabled: d.injection.disabled_categories,
        mentions: d.injection.mentions,
      }),
    );
  if (d.leakage.enabled) list.push(canaryDetector, systemPromptOverlapDetector, exfilLinkDetector);
  for (const c of d.custom) list.push(createCustomDetector(c));
  return new DetectorRegistry(list);
}

/**
 * The redacting subset (secrets, PII, redacting custom detectors) for the scrub chokepoint, which
 * must never miss what the pipeline would redact. PII and secrets stay on here even when their
 * findings are switched off for scoring: turning a detector off must not open a leak.
 */
export function redactingDetectors(config: SightlineConfig): Detector[] {
  const custom = config.detection.custom.filter((c) => c.redact).map(createCustomDetector);
  return [secretsDetector, piiDetector, ...custom];
}
