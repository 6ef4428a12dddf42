import { noisyOr } from './risk.js';
import type { DetectContext, Detector, DetectionResult, Finding } from './types.js';

/**
 * Holds the enabled detectors and combines their findings into one risk score.
 * Detection issues add detectors here; the pipeline and gateway only see `run`.
 */
export class DetectorRegistry {
  private readonly detectors: Detector[] = [];

  constructor(detectors: Iterable<Detector> = []) {
    for (const d of detectors) this.register(d);
  }

  register(detector: Detector): this {
    if (this.detectors.some((d) => d.id === detector.id)) {
      throw new Error(`detector "${detector.id}" is registered twice`);
    }
    this.detectors.push(detector);
    return this;
  }

  list(): readonly Detector[] {
    return this.detectors;
  }

  run(text: string, ctx: DetectContext): Finding[] {
    if (text.length === 0) return [];
    const out: Finding[] = [];
    for (const d of this.detectors) {
      if (!d.fields.includes(ctx.field)) continue;
      for (const f of d.detect(text, ctx)) out.push(f);
    }
    return out;
  }
}

/**
 * The event's risk from all its findings (see noisyOr). PII alone is data, not an attack, so it
 * contributes only a little.
 */
export function combineRisk(findings: readonly Finding[]): DetectionResult {
  const score = noisyOr(findings, (f) => (f.category.startsWith('pii.') ? 0.3 : 1));
  return { findings: [...findings], riskScore: Math.round(score * 1000) / 1000 };
}
