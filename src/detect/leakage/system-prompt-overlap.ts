import type { Detector } from '../types.js';

const SHINGLE = 8; // words

function words(text: string): { w: string; start: number; end: number }[] {
  const out: { w: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]{1,40}/gu))
    out.push({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

const byText = new Map<string, Set<string>>();

function shinglesOf(systemPrompt: string): Set<string> {
  let s = byText.get(systemPrompt);
  if (s) return s;
  const w = words(systemPrompt).map((x) => x.w);
  s = new Set<string>();
  for (let i = 0; i + SHINGLE <= w.length; i++) s.add(w.slice(i, i + SHINGLE).join(' '));
  if (byText.size > 256) byText.clear();
  byText.set(systemPrompt, s);
  return s;
}

/**
 * A response that repeats runs of eight or more words of the configured system prompt is
 * disclosing it (OWASP LLM07). The score grows with the share of the prompt reproduced.
 */
export const systemPromptOverlapDetector: Detector = {
  id: 'leakage.system_prompt',
  fields: ['response'],
  detect(text, ctx) {
    if (!ctx.systemPrompt || ctx.systemPrompt.length < 40) return [];
    const shingles = shinglesOf(ctx.systemPrompt);
    if (shingles.size === 0) return [];
    const w = words(text);
    let hits = 0;
    let first = -1;
    let last = -1;
    for (let i = 0; i + SHINGLE <= w.length; i++) {
      if (
        shingles.has(
          w
            .slice(i, i + SHINGLE)
            .map((x) => x.w)
            .join(' '),
        )
      ) {
        hits++;
        if (first < 0) first = w[i]!.start;
        last = w[i + SHINGLE - 1]!.end;
      }
    }
    if (hits === 0) return [];
    const share = Math.min(1, hits / shingles.size);
    return [
      {
        category: 'leakage.system_prompt',
        detector: this.id,
        score: Math.min(1, 0.6 + share),
        field: ctx.field,
        start: first,
        end: last,
      },
    ];
  },
};
