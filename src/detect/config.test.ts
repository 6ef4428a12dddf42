import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config/load.js';
import { createDetectorRegistry } from './wiring.js';

describe('detection.injection.mentions', () => {
  it('defaults to discount and accepts strict', () => {
    expect(parseConfig({}).detection.injection.mentions).toBe('discount');
    const strict = parseConfig({ detection: { injection: { mentions: 'strict' } } });
    expect(strict.detection.injection.mentions).toBe('strict');
    // The setting reaches the detector: a cited quote scores in full.
    const text = 'Our filter blocks the phrase "ignore all previous instructions".';
    const registry = createDetectorRegistry(strict);
    const override = registry.run(text, { field: 'prompt' }).find((f) => f.category === 'injection.override');
    expect(override?.detector).not.toMatch(/\.mention$/);
  });

  it('names the bad field and its allowed values', () => {
    const bad = () => parseConfig({ detection: { injection: { mentions: 'loose' } } });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/detection\.injection\.mentions/);
  });
});
