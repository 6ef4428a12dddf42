import { isMentionId } from './injection/mention.js';
import type { Finding } from './types.js';

/** Findings that mention an attack rather than make one (injection/mention.ts). */
const isMention = (f: Finding) => isMentionId(f.detector);

/**
 * Noisy-OR over the strongest finding per category: independent weak signals add up, but many
 * matches of one signature do not inflate the score. Mentions of attacks are one piece of weak
 * evidence however many a quote names, and none for a category that has evidence of its own.
 * `weight` scales a finding's score (0 leaves it out).
 */
export function noisyOr(findings: readonly Finding[], weight: (f: Finding) => number): number {
  const best = new Map<string, number>();
  const mentions: Finding[] = [];
  for (const f of findings) {
    const w = weight(f);
    if (w === 0) continue;
    if (isMention(f)) {
      mentions.push(f);
      continue;
    }
    const s = Math.min(1, Math.max(0, f.score * w));
    if ((best.get(f.category) ?? 0) < s) best.set(f.category, s);
  }
  let mention = 0;
  for (const f of mentions)
    if (!best.has(f.category)) mention = Math.max(mention, Math.min(1, Math.max(0, f.score)));
  let miss = 1 - mention;
  for (const s of best.values()) miss *= 1 - s;
  return 1 - miss;
}
