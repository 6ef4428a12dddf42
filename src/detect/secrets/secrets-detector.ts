import { characterClasses, shannonEntropy } from '../text/entropy.js';
import { ALL_FIELDS, type Detector, type Finding } from '../types.js';
import { SpanSet } from '../span-set.js';
import { pemSpans } from './pem.js';
import { KEY_LABEL, SECRET_PATTERNS } from './patterns.js';

const ID = 'secrets';
/**
 * Every pattern's gate words in one pattern: most texts hold none, and one native scan says so
 * for a fraction of the cost of looking for each of the two dozen words in turn.
 */
const ANY_GATE = new RegExp(
  SECRET_PATTERNS.flatMap((p) => p.gate)
    .map((g) => g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);

/**
 * Credentials: issuer-documented key formats, PEM private keys, JWTs, and random-looking tokens
 * next to a key-like label. Spans cover the whole secret so redaction never leaves part of one.
 */
export const secretsDetector: Detector = {
  id: ID,
  fields: ALL_FIELDS,
  detect(text, ctx) {
    const out: Finding[] = [];
    const taken = new SpanSet();
    const push = (category: string, start: number, end: number, score: number) => {
      if (taken.add(start, end))
        out.push({ category, detector: ID, score, field: ctx.field, start, end, redact: true });
    };
    for (const [s, e] of pemSpans(text)) push('secret.private_key', s, e, 0.99);
    const anyGate = ANY_GATE.test(text);
    for (const p of SECRET_PATTERNS) {
      if (!anyGate || !p.gate.some((g) => text.includes(g))) continue;
      p.re.lastIndex = 0;
      for (const m of text.matchAll(p.re)) {
        const g = p.group ? m[p.group] : undefined;
        const start = g ? m.index + m[0].lastIndexOf(g) : m.index;
        push(p.category, start, start + (g ?? m[0]).length, p.score);
      }
    }
    for (const m of text.matchAll(KEY_LABEL)) {
      const token = m[1]!;
      const start = m.index + m[0].lastIndexOf(token);
      if (taken.overlaps(start, start + token.length)) continue;
      // Words and paths next to "token" are common; random credentials mix classes and are dense.
      if (
        shannonEntropy(token) >= 3.5 &&
        characterClasses(token) >= 2 &&
        !/^[a-z]+(?:[._/-][a-z]+)*$/i.test(token)
      )
        push('secret.generic', start, start + token.length, 0.75);
    }
    return out;
  },
};
