import { variantsOf } from '../text/deobfuscate.js';
import { locateInOriginal, normalizeText } from '../text/normalize.js';
import type { Detector, DetectContext, Finding, TextField } from '../types.js';
import { InjectionClassifier } from './classifier.js';
import { FAMILIES, INDIRECT_FAMILY, type Family } from './signatures.js';

const ID = 'injection';
/** A few words are too little evidence for the classifier to decide alone. */
const MIN_SOLO_CHARS = 24;
/** Fields where text reaches the model from somewhere other than the user. */
const INDIRECT_FIELDS: ReadonlySet<TextField> = new Set(['retrieval', 'tool_result']);

export interface InjectionDetectorOptions {
  /** The shipped model by default; `null` turns the statistical layer off. */
  classifier?: InjectionClassifier | null;
  /** Classifier probability below which it adds no finding. */
  classifierThreshold?: number;
  /** Signature categories to skip (e.g. `jailbreak.policy_bypass` for a fiction-writing app). */
  disabled?: readonly string[];
}

interface Hit {
  category: string;
  signature: string;
  score: number;
  start: number;
  end: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALL_GATES = [...new Set([...FAMILIES, INDIRECT_FAMILY].flatMap((f) => f.gate))].sort(
  (a, b) => b.length - a.length,
);
// One pass finds every gate word present; a family's signatures run only if one of its gates did.
const GATE_RE = new RegExp(ALL_GATES.map(escape).join('|'), 'g');

function gatesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(GATE_RE)) found.add(m[0]);
  return found;
}

function scan(
  text: string,
  families: readonly Family[],
  disabled: ReadonlySet<string>,
  gates = gatesIn(text),
): Hit[] {
  const hits: Hit[] = [];
  if (gates.size === 0) return hits;
  for (const fam of families) {
    if (disabled.has(fam.category) || !fam.gate.some((g) => gates.has(g))) continue;
    for (const s of fam.signatures) {
      const m = s.re.exec(text);
      if (m)
        hits.push({
          category: s.category,
          signature: s.id,
          score: s.score,
          start: m.index,
          end: m.index + m[0].length,
        });
    }
  }
  return hits;
}

/**
 * Prompt injection and jailbreak detection in layers: normalization (case, whitespace, confusables,
 * invisible and tag characters), decoding of obfuscations (base64, hex, URL, rot13, leetspeak,
 * spaced letters, reversal) with every variant scanned, signature families, and a hashed n-gram
 * logistic-regression classifier. Findings name the layer that fired.
 */
export function createInjectionDetector(opts: InjectionDetectorOptions = {}): Detector {
  const classifier = opts.classifier === undefined ? InjectionClassifier.shipped() : opts.classifier;
  const threshold = opts.classifierThreshold ?? 0.8;
  const disabled = new Set(opts.disabled ?? []);
  return {
    id: ID,
    fields: ['prompt', 'retrieval', 'tool_result', 'tool_parameters', 'other'],
    detect(text: string, ctx: DetectContext): Finding[] {
      const norm = normalizeText(text);
      const span = (h: Hit) => locateInOriginal(text, norm.text, h.start, h.end);
      const out: Finding[] = [];
      const push = (category: string, detector: string, score: number, start: number, end: number) =>
        out.push({ category, detector, score, field: ctx.field, start, end });

      const gates = gatesIn(norm.text);
      const direct = scan(norm.text, FAMILIES, disabled, gates);
      for (const h of direct) push(h.category, `${ID}.${h.signature}`, h.score, ...span(h));

      const variants = variantsOf(norm.text, text);
      if (norm.tagPayload) variants.push({ via: 'tags', text: norm.tagPayload });
      for (const v of variants) {
        const hits = scan(v.text, FAMILIES, disabled);
        if (hits.length === 0) continue;
        const best = hits.reduce((a, b) => (b.score > a.score ? b : a));
        if (!direct.some((d) => d.category === best.category))
          push(best.category, `${ID}.${best.signature}`, best.score, 0, text.length);
        // Hiding an instruction is itself evidence of intent.
        push('injection.obfuscated', `${ID}.decode.${v.via}`, Math.max(0.9, best.score), 0, text.length);
      }
      if (norm.tagPayload.length >= 4)
        push('injection.smuggling', `${ID}.tag_characters`, 0.9, 0, text.length);

      if (INDIRECT_FIELDS.has(ctx.field)) {
        const indirect = scan(norm.text, [INDIRECT_FAMILY], disabled, gates);
        const strongest = [...indirect, ...direct].reduce<Hit | undefined>(
          (a, b) => (!a || b.score > a.score ? b : a),
          undefined,
        );
        if (strongest)
          push(
            'injection.indirect',
            `${ID}.${strongest.signature}`,
            Math.max(0.8, strongest.score),
            ...span(strongest),
          );
      }

      if (classifier && ctx.field !== 'tool_parameters') {
        // Alone, the classifier decides only when confident; below that it is corroborating
        // evidence (at most 0.3) that can lift a weak signature over the line.
        // It was trained on prompts; on documents and tool output it only ever corroborates.
        const p = classifier.score(norm.text);
        const solo = p >= threshold && !INDIRECT_FIELDS.has(ctx.field) && norm.text.length >= MIN_SOLO_CHARS;
        const score = solo ? p : p > 0.5 ? (0.3 * (p - 0.5)) / Math.max(0.01, threshold - 0.5) : 0;
        if (score > 0)
          push('injection.classifier', `${ID}.classifier`, Math.round(score * 1000) / 1000, 0, text.length);
      }
      return out;
    },
  };
}

/** One score in [0, 1] for "this text is an injection or jailbreak", from the findings. */
export function injectionScore(findings: readonly Finding[]): number {
  const best = new Map<string, number>();
  for (const f of findings) {
    if (!f.category.startsWith('injection.') && !f.category.startsWith('jailbreak.')) continue;
    best.set(f.category, Math.max(best.get(f.category) ?? 0, f.score));
  }
  let miss = 1;
  for (const s of best.values()) miss *= 1 - s;
  return 1 - miss;
}
