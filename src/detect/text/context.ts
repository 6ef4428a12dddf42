/**
 * Whether one of `words` appears within `window` characters before `start` (or after `end`).
 * Used by detectors whose shape alone is too weak (passport numbers, dates of birth, generic
 * tokens): the nearby label is what makes "A1234567" a passport number.
 */
export function nearContext(text: string, start: number, end: number, words: RegExp, window = 40): boolean {
  const before = text.slice(Math.max(0, start - window), start).toLowerCase();
  if (words.test(before)) return true;
  const after = text.slice(end, Math.min(text.length, end + 16)).toLowerCase();
  return words.test(after);
}
