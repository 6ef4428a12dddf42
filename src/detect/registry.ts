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
 * Noisy-OR over the strongest finding per category: independent weak signals add up, but many
 * matches of one signature do not inflate the score. PII alone is data, not an attack, so it
 * contributes only a little.
 */
export function combineRisk(findings: readonly Finding[]): DetectionResult {
  const best = new Map<string, number>();
  for (const f of findings) {
    const family = f.category.split('.', 1)[0]!;
    const weight = family === 'pii' ? 0.3 : 1;
    const s = Math.min(1, Math.max(0, f.score * weight));
    if ((best.get(f.category) ?? 0) < s) best.set(f.category, s);
  }
  let miss = 1;
  for (const s of best.values()) miss *= 1 - s;
  return { findings: [...findings], riskScore: Math.round((1 - miss) * 1000) / 1000 };
}
