import type { Detector, Finding, TextField } from '../types.js';
import { luhnValid } from './luhn.js';

// Each pattern is a flat sequence of bounded classes (no nested quantifiers), so matching stays
// linear in the input length even on hostile text.
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g;
const SSN = /\b(\d{3})-(\d{2})-(\d{4})\b/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const PHONE = /(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\b\d{2,4}[ .-])\d{3,4}[ .-]\d{3,4}\b/g;

const ALL_FIELDS: readonly TextField[] = [
  'prompt',
  'system_prompt',
  'response',
  'tool_parameters',
  'tool_result',
  'retrieval',
  'other',
];

export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

function cardIssuerKnown(digits: string): boolean {
  return /^(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5|4[4-9])|3(?:0[0-5]|[68])|35)/.test(digits);
}

/** Day-one redactor: email, phone, SSN and validated card numbers. Issue 3 widens the set. */
export const basicPiiDetector: Detector = {
  id: 'pii.basic',
  fields: ALL_FIELDS,
  detect(text, ctx) {
    const out: Finding[] = [];
    const push = (category: string, start: number, end: number, score: number) =>
      out.push({ category, detector: 'pii.basic', score, field: ctx.field, start, end, redact: true });
    // The pattern is tried at every offset; most texts have no '@' and skip it entirely.
    if (text.includes('@'))
      for (const m of text.matchAll(EMAIL)) push('pii.email', m.index, m.index + m[0].length, 0.95);
    for (const m of text.matchAll(SSN)) {
      if (ssnValid(m[1]!, m[2]!, m[3]!)) push('pii.ssn', m.index, m.index + m[0].length, 0.9);
    }
    for (const m of text.matchAll(CARD)) {
      const digits = m[0].replace(/\D/g, '');
      if (luhnValid(digits) && cardIssuerKnown(digits))
        push('pii.credit_card', m.index, m.index + m[0].length, 0.95);
    }
    for (const m of text.matchAll(PHONE)) {
      const digits = m[0].replace(/\D/g, '').length;
      if (digits < 9 || digits > 15) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (out.some((f) => f.start < end && start < f.end)) continue; // already an SSN or card
      push('pii.phone', start, end, 0.7);
    }
    return out;
  },
};
