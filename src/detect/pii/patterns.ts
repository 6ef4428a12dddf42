// Every pattern is a flat sequence of bounded character classes (no nested quantifiers), so
// matching is linear in the input even on hostile text. Validation happens in code afterwards.

export const EMAIL =
  /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g;
export const SSN = /\b(\d{3})[- ](\d{2})[- ](\d{4})\b/g;
export const CARD = /\b\d(?:[ -]?\d){11,18}\b/g;
/** Groups of digits with separators, optionally a `+CC` prefix and a bracketed area code. */
export const PHONE =
  /(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,8}){1,4}(?:(?:x|ext\.? ?)\d{1,5})?\b/g;
export const IBAN = /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?\b/g;
export const IPV4 =
  /(?<![\d.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![.\d])/g;
/** Candidates only; `net.isIPv6` decides. */
export const IPV6 = /(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])/g;
export const DATE =
  /\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6},? (?:19|20)\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6} \d{1,2},? (?:19|20)\d{2})\b/gi;
export const ALNUM_ID = /\b[A-Za-z0-9][A-Za-z0-9-]{4,17}[A-Za-z0-9]\b/g;

export const DOB_CONTEXT = /\b(?:born|birth|dob|d\.o\.b|birthday|geboren|née?)\b/;
export const PASSPORT_CONTEXT = /\b(?:passport|passeport|reisepass|pasaporte)\b/;
export const LICENCE_CONTEXT =
  /\b(?:driver'?s? ?licen[cs]e|driving licen[cs]e|licen[cs]e (?:no|number|#)|dl ?(?:no|#|number))\b/;
export const PHONE_CONTEXT =
  /\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms|text me|contact|reach|dial|number|landline|voicemail|answering|messages? to)\b/;
/**
 * "Office" and "desk" name a phone only as a label right beside the number ("Desk: 020 ...",
 * "781 1704 office"): "the office is at 17031 2202 Rissik St" is an address.
 */
export const PHONE_LABEL_BEFORE = /\b(?:office|desk|home|work)\s?:\s{0,3}$/;
export const PHONE_LABEL_AFTER = /^[\s,;-]{0,3}(?:office|desk|home|work)\b/;
/** Words that name a phone for a bare digit run ("number" alone does not: order numbers). */
export const BARE_PHONE_CONTEXT = /\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms|landline)\b/;
/** An unseparated run of digits: a phone number only with a phone label beside it. */
export const BARE_DIGITS = /(?<![\w+.-])\+?\d{10,13}(?![\w.])/g;
