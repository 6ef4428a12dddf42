import type { DetectContext, Finding } from '../detect/types.js';

/**
 * Findings for texts that repeat verbatim from call to call: an application sends the same system
 * prompt, often kilobytes long, with every request. Detection is a pure function of the text and
 * its field (system prompts carry no canary or overlap context), so the first scan's findings serve
 * every repeat. Bounded; findings are shared and must not be mutated.
 */
export class StableFindings {
  private readonly cache = new Map<string, readonly Finding[]>();

  constructor(
    private readonly max = 256,
    /** Shorter texts are cheaper to scan than to remember. */
    private readonly minChars = 256,
  ) {}

  run(text: string, ctx: DetectContext, scan: () => Finding[]): readonly Finding[] {
    if (ctx.field !== 'system_prompt' || text.length < this.minChars) return scan();
    const hit = this.cache.get(text);
    if (hit) {
      // Refreshed as most recent, so the prompts in use stay while one-offs age out.
      this.cache.delete(text);
      this.cache.set(text, hit);
      return hit;
    }
    const found = scan();
    if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(text, found);
    return found;
  }
}
