import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { packagePath } from '../util/package-root.js';

const atlasFileSchema = z.object({
  tactics: z.record(z.string(), z.string()),
  techniques: z.record(z.string(), z.object({ name: z.string(), tactics: z.array(z.string()) })),
  owasp_llm: z.record(z.string(), z.string()),
});
export type AtlasCatalog = z.infer<typeof atlasFileSchema>;

let cached: AtlasCatalog | undefined;

/** The vendored ATLAS tactic/technique list (rules/atlas/techniques.json) rules are validated against. */
export function atlasCatalog(): AtlasCatalog {
  cached ??= atlasFileSchema.parse(
    JSON.parse(readFileSync(packagePath('rules', 'atlas', 'techniques.json'), 'utf8')),
  );
  return cached;
}

/** Problems with one threat mapping, as messages; empty when it is valid. */
export function checkThreat(t: { tactic: string; technique: string }, atlas = atlasCatalog()): string[] {
  const base = t.technique.split('.').slice(0, 2).join('.');
  const tech = atlas.techniques[t.technique] ?? atlas.techniques[base];
  const out: string[] = [];
  if (!atlas.tactics[t.tactic]) out.push(`unknown ATLAS tactic ${t.tactic}`);
  if (!tech) out.push(`unknown ATLAS technique ${t.technique}`);
  else if (atlas.tactics[t.tactic] && !tech.tactics.includes(t.tactic))
    out.push(`technique ${t.technique} (${tech.name}) is not under tactic ${t.tactic}`);
  return out;
}
