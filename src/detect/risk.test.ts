import { describe, expect, it } from 'vitest';
import { combineRisk } from './registry.js';
import type { Finding } from './types.js';

const finding = (category: string, detector: string, score: number): Finding => ({
  category,
  detector,
  score,
  field: 'prompt',
  start: 0,
  end: 1,
});

describe('combineRisk', () => {
  it('adds independent categories and keeps the strongest finding of each', () => {
    const r = combineRisk([
      finding('injection.override', 'injection.a', 0.5),
      finding('injection.override', 'injection.b', 0.4),
      finding('jailbreak.persona', 'injection.c', 0.5),
    ]);
    expect(r.riskScore).toBe(0.75);
  });

  it('counts mentions of attacks once, and not at all beside evidence of the same kind', () => {
    const mentions = [
      finding('injection.override', 'injection.prior_rules.mention', 0.35),
      finding('injection.system_prompt_extraction', 'injection.show_prompt.mention', 0.35),
    ];
    expect(combineRisk(mentions).riskScore).toBe(0.35);
    const beside = [...mentions, finding('injection.override', 'injection.verb_rules', 0.45)];
    // The override mention adds nothing to the override finding; the extraction mention counts once.
    expect(combineRisk(beside).riskScore).toBeCloseTo(1 - 0.55 * 0.65, 2);
  });

  it('weighs PII at 0.3: data, not an attack', () => {
    expect(combineRisk([finding('pii.email', 'pii', 0.95)]).riskScore).toBe(0.285);
  });
});
