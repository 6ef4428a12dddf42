import { SpanSet } from '../span-set.js';
import { emailSpans } from './email.js';
import { ibanValid } from './iban.js';
import {
  ALNUM_ID,
  CARD,
  DATE,
  DOB_CONTEXT,
  IBAN,
  IPV4,
  IPV6,
  LICENCE_CONTEXT,
  PASSPORT_CONTEXT,
  BARE_DIGITS,
  BARE_PHONE_CONTEXT,
  PHONE,
  PHONE_CONTEXT,
  PHONE_LABEL_AFTER,
  PHONE_LABEL_BEFORE,
  SSN,
} from './patterns.js';
import { cardValid, dateLooksReal, ipv6Valid, ssnValid } from './validators.js';
import { nearContext } from '../text/context.js';
import { ALL_FIELDS, type Detector, type Finding } from '../types.js';

const ID = 'pii';

function phoneLabelled(text: string, start: number, end: number, words: RegExp, window: number): boolean {
  if (nearContext(text, start, end, words, window)) return true;
  const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
  const after = text.slice(end, end + 12).toLowerCase();
  return PHONE_LABEL_BEFORE.test(before) || PHONE_LABEL_AFTER.test(after);
}

/**
 * Personal data with validation, not just shape: checksums (card, IBAN), issuing rules (SSN),
 * address parsing (IPv6) and, for shapes that mean nothing alone (passport, licence, birth date),
 * a label nearby. Each finding is redactable.
 */
export const piiDetector: Detector = {
  id: ID,
  fields: ALL_FIELDS,
  detect(text, ctx) {
    const out: Finding[] = [];
    const taken = new SpanSet();
    const push = (category: string, start: number, end: number, score: number) => {
      if (taken.add(start, end))
        out.push({ category, detector: ID, score, field: ctx.field, start, end, redact: true });
    };
    const hasDigit = /\d/.test(text);

    for (const [start, end] of emailSpans(text)) push('pii.email', start, end, 0.95);
    if (!hasDigit && !text.includes(':')) return out;

    for (const m of text.matchAll(IBAN)) {
      if (ibanValid(m[0])) push('pii.iban', m.index, m.index + m[0].length, 0.95);
    }
    for (const m of text.matchAll(SSN)) {
      if (
        m[0].includes(' ') &&
        !nearContext(text, m.index, m.index + m[0].length, /\b(?:ssn|social security)\b/)
      )
        continue;
      if (ssnValid(m[1]!, m[2]!, m[3]!)) push('pii.ssn', m.index, m.index + m[0].length, 0.9);
    }
    for (const m of text.matchAll(CARD)) {
      if (cardValid(m[0].replace(/[ -]/g, ''))) push('pii.credit_card', m.index, m.index + m[0].length, 0.95);
    }
    for (const m of text.matchAll(IPV4)) {
      // "version 1.2.3.4" is a version string, not an address.
      if (/v(?:ersion)?\s?$/i.test(text.slice(Math.max(0, m.index - 9), m.index))) continue;
      push('pii.ip_address', m.index, m.index + m[0].length, 0.85);
    }
    if (text.includes(':'))
      for (const m of text.matchAll(IPV6)) {
        if (ipv6Valid(m[0])) push('pii.ip_address', m.index, m.index + m[0].length, 0.85);
      }
    for (const m of text.matchAll(DATE)) {
      const end = m.index + m[0].length;
      if (dateLooksReal(m[0]) && nearContext(text, m.index, end, DOB_CONTEXT, 48))
        push('pii.date_of_birth', m.index, end, 0.85);
    }
    const lower = text.toLowerCase();
    const passport = PASSPORT_CONTEXT.test(lower);
    const licence = LICENCE_CONTEXT.test(lower);
    if (passport || licence) {
      for (const m of text.matchAll(ALNUM_ID)) {
        const end = m.index + m[0].length;
        if (!/\d/.test(m[0]) || /^\d{1,4}$/.test(m[0])) continue;
        if (passport && nearContext(text, m.index, end, PASSPORT_CONTEXT, 48))
          push('pii.passport', m.index, end, 0.8);
        else if (licence && nearContext(text, m.index, end, LICENCE_CONTEXT, 48))
          push('pii.driver_license', m.index, end, 0.8);
      }
    }
    for (const m of text.matchAll(PHONE)) {
      const start = m.index;
      const end = start + m[0].length;
      // "2000-04-16 11:34" is a timestamp, not a number to call.
      if (/^(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}/.test(m[0]) || text[end] === ':') continue;
      const digits = m[0].replace(/x\d+$|ext\.? ?\d+$/, '').replace(/\D/g, '').length;
      // International or long numbers stand alone; short local ones need a label such as "call".
      const strong =
        (m[0].startsWith('+') && digits >= 8 && digits <= 15) ||
        digits === 10 ||
        (digits === 11 && m[0].startsWith('1'));
      const labelled = digits >= 7 && digits <= 15 && phoneLabelled(text, start, end, PHONE_CONTEXT, 40);
      if (strong || labelled) push('pii.phone', start, end, strong ? 0.8 : 0.7);
    }
    // "Fax: 9498777106": with no separators a number could be anything (an order, an account),
    // so the label decides. Runs the separated pattern above already took are skipped.
    for (const m of text.matchAll(BARE_DIGITS)) {
      const end = m.index + m[0].length;
      if (phoneLabelled(text, m.index, end, BARE_PHONE_CONTEXT, 24)) push('pii.phone', m.index, end, 0.7);
    }
    return out;
  },
};
