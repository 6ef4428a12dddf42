/**
 * Which writing system a letter belongs to, for the script-mix statistic: Latin words salted with
 * Cyrillic or Greek look-alikes ("раypal") are a classic filter evasion, and a prompt in one script
 * from a caller who always writes another is worth a look. Coarse on purpose: Han and kana count as
 * one (Japanese mixes them by nature), each Indic block as its own script, and code points outside
 * the listed letter ranges (punctuation, symbols, emoji, astral planes) as no script at all.
 */
export const NO_SCRIPT = -1;
export const LATIN_SCRIPT = 0;

const RANGES: readonly [from: number, to: number, script: number][] = [
  [0x00c0, 0x024f, LATIN_SCRIPT],
  [0x1e00, 0x1eff, LATIN_SCRIPT],
  [0x0370, 0x03ff, 1], // Greek
  [0x1f00, 0x1fff, 1],
  [0x0400, 0x052f, 2], // Cyrillic
  [0x0530, 0x058f, 3], // Armenian
  [0x0590, 0x05ff, 4], // Hebrew
  [0x0600, 0x06ff, 5], // Arabic
  [0x0750, 0x077f, 5],
  [0x08a0, 0x08ff, 5],
  [0x0e00, 0x0e7f, 6], // Thai
  [0x10a0, 0x10ff, 7], // Georgian
  [0x1100, 0x11ff, 8], // Hangul
  [0x3130, 0x318f, 8],
  [0xac00, 0xd7af, 8],
  [0x3040, 0x30ff, 9], // kana, with Han
  [0x3400, 0x4dbf, 9],
  [0x4e00, 0x9fff, 9],
];
/** Indic scripts sit in 128-code-point blocks from U+0900 (Devanagari) to U+0DFF (Sinhala). */
const INDIC_BASE = 10;

/** Script id of a UTF-16 code unit above 127, or NO_SCRIPT. */
export function scriptOf(c: number): number {
  if (c === 0xd7 || c === 0xf7) return NO_SCRIPT; // × and ÷ sit among the Latin-1 letters
  if (c >= 0x0900 && c <= 0x0dff) return INDIC_BASE + ((c - 0x0900) >> 7);
  for (const [from, to, script] of RANGES) if (c >= from && c <= to) return script;
  return NO_SCRIPT;
}
