import { isIPv6 } from 'node:net';
import { luhnValid } from './luhn.js';

/** SSA rules: area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

/** Issuer prefixes (IIN ranges) of the networks in use, with their card lengths. */
const ISSUERS: [RegExp, number, number][] = [
  [/^4/, 13, 19], // Visa
  [/^(?:5[1-5]|2[2-7])/, 16, 16], // Mastercard
  [/^3[47]/, 15, 15], // American Express
  [/^(?:6011|65|64[4-9]|622)/, 16, 19], // Discover
  [/^(?:30[0-5]|36|38|39)/, 14, 19], // Diners Club
  [/^(?:35|1800|2131)/, 15, 19], // JCB
  [/^(?:50[0-9]|5[6-9]|6[0-9])/, 12, 19], // Maestro
  [/^62/, 16, 19], // UnionPay
];

export function cardValid(digits: string): boolean {
  if (!luhnValid(digits)) return false;
  return ISSUERS.some(([re, min, max]) => re.test(digits) && digits.length >= min && digits.length <= max);
}

export function ipv6Valid(candidate: string): boolean {
  // "1:2:3" style ratios and clock times are not addresses; a real one has hex groups or `::`.
  return (
    candidate.length >= 6 &&
    isIPv6(candidate) &&
    (candidate.includes('::') || candidate.split(':').length >= 6)
  );
}

/** Plausible calendar date (any of the formats DATE matches), so "99/99/2020" is not a birth date. */
export function dateLooksReal(s: string): boolean {
  const nums = s.match(/\d+/g)?.map(Number) ?? [];
  if (nums.length < 2) return true; // month names: the regex already bounded the parts
  const year = nums.find((n) => n >= 1900);
  const small = nums.filter((n) => n < 100);
  return year !== undefined && small.every((n) => n >= 1 && n <= 31);
}
