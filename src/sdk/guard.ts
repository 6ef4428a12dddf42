import { parseConfig } from '../config/load.js';
import { injectionScore } from '../detect/injection/injection-detector.js';
import type { DetectorRegistry } from '../detect/registry.js';
import { createDetectorRegistry } from '../detect/wiring.js';

/** Thrown instead of calling the model when guard mode finds an attack in the prompt. */
export class SightlineBlockedError extends Error {
  constructor(
    readonly categories: string[],
    readonly score: number,
  ) {
    super(`blocked by Sightline guard (${categories.join(', ')})`);
    this.name = 'SightlineBlockedError';
  }
}

let registry: DetectorRegistry | undefined;

/**
 * Runs the same detectors as the server, in process, before a call leaves. Blocks on injection and
 * jailbreak findings whose combined score reaches `threshold`.
 */
export function guardPrompt(texts: readonly string[], threshold: number): void {
  registry ??= createDetectorRegistry(parseConfig({}));
  const findings = texts.flatMap((t) => registry!.run(t, { field: 'prompt' }));
  const score = injectionScore(findings);
  if (score >= threshold) {
    const categories = [
      ...new Set(
        findings.filter((f) => /^(?:injection|jailbreak)\./.test(f.category)).map((f) => f.category),
      ),
    ];
    throw new SightlineBlockedError(categories, Math.round(score * 1000) / 1000);
  }
}
