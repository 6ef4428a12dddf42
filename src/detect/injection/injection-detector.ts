import { HintTracker } from '../text/decoder-hints.js';
import { variantsOf } from '../text/deobfuscate.js';
import { locateInOriginal, normalizeText } from '../text/normalize.js';
import { noisyOr } from '../risk.js';
import type { Detector, DetectContext, Finding, TextField } from '../types.js';
import { InjectionClassifier } from './classifier.js';
import { CJK_SIGNATURES, HAS_CJK } from './cjk-signatures.js';
import { isMentionId, separateMentions } from './mention.js';
import { FAMILIES, INDIRECT_FAMILY, type Signature } from './signatures.js';
import { SignatureScanner, type Hit } from './trigger-scan.js';

const ID = 'injection';
/** The config's default solo threshold (cross-validated, docs/detection.md), for callers without one. */
export const DEFAULT_CLASSIFIER_THRESHOLD = 0.75;
/** A few words are too little evidence for the classifier to decide alone. */
const MIN_SOLO_CHARS = 24;
/** Signature score from which a hit in a document or tool output counts as indirect injection. */
const STRONG_SIGNATURE = 0.6;
/** Fields where text reaches the model from somewhere other than the user. */
const INDIRECT_FIELDS: ReadonlySet<TextField> = new Set(['retrieval', 'tool_result']);

export interface InjectionDetectorOptions {
  /** The shipped model by default; `null` turns the statistical layer off. */
  classifier?: InjectionClassifier | null;
  /** Classifier probability below which it adds no finding. */
  classifierThreshold?: number;
  /** Signature categories to skip (e.g. `jailbreak.policy_bypass` for a fiction-writing app). */
  disabled?: readonly string[];
  /** `strict` scores attacks that are quoted, reported or asked about like any other (mention.ts). */
  mentions?: 'discount' | 'strict';
}

/** Words attacks need; two different ones in a decoded text are evidence even without phrasing. */
const ATTACK_STEMS = [
  'ignore',
  'disregard',
  'instruction',
  'previous',
  'systemprompt',
  'jailbreak',
  'developermode',
  'doanythingnow',
  'unfiltered',
  'norestrictions',
];

const HIDDEN_ONLY: ReadonlySet<string> = new Set(['morse', 'base64', 'hex']);

function namesAttackWords(decoded: string): boolean {
  const squeezed = decoded.replace(/[^a-z]/g, '');
  let found = 0;
  for (const stem of ATTACK_STEMS) if (squeezed.includes(stem) && ++found >= 2) return true;
  return false;
}

/**
 * Prompts are scanned without the indirect family: its lead words ("in", "your", "code") are
 * common, and trying signatures that are off for the field would cost at every one of them.
 */
const DIRECT_SCANNER = new SignatureScanner(FAMILIES.flatMap((f) => f.signatures));
const DOCUMENT_SCANNER = new SignatureScanner([...FAMILIES, INDIRECT_FAMILY].flatMap((f) => f.signatures));

/**
 * Prompt injection and jailbreak detection in layers: normalization (case, whitespace, confusables,
 * invisible and tag characters), decoding of obfuscations (base64, hex, URL, rot13, leetspeak,
 * spaced letters, reversal) with every variant scanned, signature families, and a hashed n-gram
 * logistic-regression classifier. Findings name the layer that fired.
 */
export function createInjectionDetector(opts: InjectionDetectorOptions = {}): Detector {
  const classifier = opts.classifier === undefined ? InjectionClassifier.shipped() : opts.classifier;
  const threshold = opts.classifierThreshold ?? DEFAULT_CLASSIFIER_THRESHOLD;
  const disabled = new Set(opts.disabled ?? []);
  const strict = opts.mentions === 'strict';
  const direct = (s: Signature) => s.category !== INDIRECT_FAMILY.category && !disabled.has(s.category);
  const withIndirect = (s: Signature) => !disabled.has(s.category);
  return {
    id: ID,
    fields: ['prompt', 'retrieval', 'tool_result', 'tool_parameters', 'other'],
    detect(text: string, ctx: DetectContext): Finding[] {
      const norm = normalizeText(text);
      const span = (h: Hit) => locateInOriginal(text, norm.text, h.start, h.end);
      const out: Finding[] = [];
      const push = (category: string, detector: string, score: number, start: number, end: number) =>
        out.push({ category, detector, score, field: ctx.field, start, end });

      const indirectField = INDIRECT_FIELDS.has(ctx.field);
      const hints = new HintTracker();
      // Documents and tool output are written by whoever planted them: a quote there is read by
      // the model like any other text, so mentions are told apart in prompts only.
      const { hits: found, classifierText } = scanSignatures(norm.text, {
        ascii: norm.ascii,
        scanner: indirectField ? DOCUMENT_SCANNER : DIRECT_SCANNER,
        active: indirectField ? withIndirect : direct,
        disabled,
        hints,
        mentions: !strict && !indirectField,
      });
      const indirect = found.filter((h) => h.category === INDIRECT_FAMILY.category);
      const hits = indirect.length ? found.filter((h) => h.category !== INDIRECT_FAMILY.category) : found;
      for (const h of hits) push(h.category, `${ID}.${h.signature}`, h.score, ...span(h));

      const variants = variantsOf(norm.text, text, hints);
      if (norm.tagPayload) variants.push({ via: 'tags', text: norm.tagPayload });
      for (const v of variants) {
        const decoded = DIRECT_SCANNER.scan(v.text, direct);
        if (decoded.length === 0) {
          // Decoders that lose word gaps (Morse without separators) leave nothing to match on.
          // Only decodings made entirely of hidden text count: a leetspeak or rot13 variant still
          // holds the prompt's own plain words.
          if (HIDDEN_ONLY.has(v.via) && namesAttackWords(v.text))
            push('injection.obfuscated', `${ID}.decode.${v.via}.keywords`, 0.85, 0, text.length);
          continue;
        }
        const best = decoded.reduce((a, b) => (b.score > a.score ? b : a));
        // A mention of the same kind does not stand in for a hidden use of it.
        if (!hits.some((d) => d.category === best.category && !isMentionId(d.signature)))
          push(best.category, `${ID}.${best.signature}`, best.score, 0, text.length);
        // Hiding an instruction is itself evidence of intent.
        push('injection.obfuscated', `${ID}.decode.${v.via}`, Math.max(0.9, best.score), 0, text.length);
      }
      if (norm.tagPayload.length >= 4)
        push('injection.smuggling', `${ID}.tag_characters`, 0.9, 0, text.length);

      if (indirectField) {
        const strongest = [...indirect, ...hits].reduce<Hit | undefined>(
          (a, b) => (!a || b.score > a.score ? b : a),
          undefined,
        );
        // A weak signature (a phrase with innocent uses too, "without warning") is not raised to
        // the indirect score: a document quoting it is no more an attack than a prompt would be.
        if (strongest && strongest.score >= STRONG_SIGNATURE)
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
        // Without the phrases quoted to talk about them (see mention.ts).
        const p = classifier.score(classifierText);
        const solo = p >= threshold && !indirectField && norm.text.length >= MIN_SOLO_CHARS;
        const score = solo
          ? p
          : p > 0.5
            ? Math.min(0.3, (0.3 * (p - 0.5)) / Math.max(0.01, threshold - 0.5))
            : 0;
        if (score > 0)
          push('injection.classifier', `${ID}.classifier`, Math.round(score * 1000) / 1000, 0, text.length);
      }
      return out;
    },
  };
}

/** Matches of the CJK signatures, which the lead-word scanner cannot run (cjk-signatures.ts). */
function cjkHits(text: string, disabled: ReadonlySet<string>): Hit[] {
  const out: Hit[] = [];
  for (const s of CJK_SIGNATURES) {
    if (disabled.has(s.category)) continue;
    const m = s.re.exec(text);
    if (m)
      out.push({
        category: s.category,
        signature: s.id,
        score: s.score,
        start: m.index,
        end: m.index + m[0].length,
      });
  }
  return out;
}

interface ScanOptions {
  ascii: boolean;
  scanner: SignatureScanner;
  active: (s: Signature) => boolean;
  disabled: ReadonlySet<string>;
  hints?: HintTracker;
  /** Tell mentions from uses (mention.ts); off for documents and in strict mode. */
  mentions: boolean;
}

/** Signature hits of a normalized text (lead-word scan and CJK patterns), and the classifier's view. */
function scanSignatures(text: string, o: ScanOptions): { hits: Hit[]; classifierText: string } {
  const first = scanOnce(text, o, o.hints);
  // The rescan closure is built only for a prompt with hits (rare), not on every call.
  if (!o.mentions || first.length === 0) return { hits: first, classifierText: text };
  return separateMentions(text, (t) => scanOnce(t, o), first);
}

function scanOnce(text: string, o: ScanOptions, hints?: HintTracker): Hit[] {
  const hits = o.scanner.scan(text, o.active, hints);
  if (!o.ascii && HAS_CJK.test(text)) hits.push(...cjkHits(text, o.disabled));
  return hits;
}

/**
 * The normalized text the classifier scores for `text` as a prompt (training uses this, so the
 * model learns from what it is later shown).
 */
export function classifierInputOf(text: string): string {
  const norm = normalizeText(text);
  return scanSignatures(norm.text, {
    ascii: norm.ascii,
    scanner: DIRECT_SCANNER,
    active: (s) => s.category !== INDIRECT_FAMILY.category,
    disabled: new Set(),
    mentions: true,
  }).classifierText;
}

/** One score in [0, 1] for "this text is an injection or jailbreak", from the findings. */
export function injectionScore(findings: readonly Finding[]): number {
  return noisyOr(findings, (f) =>
    f.category.startsWith('injection.') || f.category.startsWith('jailbreak.') ? 1 : 0,
  );
}
