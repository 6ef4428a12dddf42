/**
 * Which decoders could apply to a normalized text, worked out char by char so that the injection
 * scanner can do it inside its own pass (`feed` per character) instead of several extra passes.
 * Each flag is a superset of the check the decoder then makes itself.
 */
export interface DecoderHints {
  /** A digit standing for a letter inside a word ("pr3v10us") or framing one ("1gn0r3"). */
  leet: boolean;
  /** Four or more single letters in a row set apart by spacers ("i g n o r e"). */
  spaced: boolean;
  /** Three or more %XX escapes. */
  url: boolean;
  /** A run of 16+ base64, hex or `\x` escape characters (read again, case-sensitively, from the original). */
  encoded: boolean;
  /** A rot13 form of a word attacks need ("vtaber"). */
  rot13: boolean;
  /** A reversed form of such a word ("erongi"). */
  reversed: boolean;
  /** Mostly dots and dashes: Morse code. */
  morse: boolean;
}

// rot13 and reversed forms of the words attacks cannot do without, matched as token prefixes.
export const ROT13_WORDS = [
  'vtaber',
  'vafgehpgvba',
  'flfgrz',
  'cebzcg',
  'ehyrf',
  'wnvyoernx',
  'cerivbhf',
  'qvfertneq',
];
export const REVERSED_WORDS = ['erongi', 'noitcurtsni', 'tpmorp', 'metsys', 'suoiverp', 'dragersid'];

const LETTER = 1;
const LEET = 2;
const SPACER = 4;
const WORD = 8;
const ENCODED = 16;
const HEX = 32;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-z]/.test(ch)) CLASS[c]! |= LETTER;
  if (/[013457]/.test(ch)) CLASS[c]! |= LEET;
  if (/[ .\-_*|,]/.test(ch)) CLASS[c]! |= SPACER;
  if (/\w/.test(ch)) CLASS[c]! |= WORD;
  if (/[a-z0-9+/_=\\-]/i.test(ch)) CLASS[c]! |= ENCODED;
  if (/[0-9a-f]/i.test(ch)) CLASS[c]! |= HEX;
}
const classOf = (c: number) => (c < 128 ? CLASS[c]! : 0);

const at = (text: string, i: number) => (i >= 0 && i < text.length ? text.charCodeAt(i) : 32);
export const isLeetDigit = (c: number) => c < 128 && (CLASS[c]! & LEET) !== 0;
/** Characters that may continue a base64/hex run beyond letters and digits. */
export const continuesEncodedRun = (c: number) => c < 128 && (CLASS[c]! & ENCODED) !== 0;

/**
 * Accumulates the hints from events a scanning loop reports: they are rare (a leet digit, a
 * one-letter token, a '%', the end of a run), so the common character costs nothing extra.
 */
export class HintTracker implements DecoderHints {
  leet = false;
  spaced = false;
  url = false;
  encoded = false;
  rot13 = false;
  reversed = false;
  morse = false;
  /** Dots and dashes seen (Morse code). */
  dots = 0;
  private escapes = 0;
  private singles = 0;
  private lastSingle = -10;
  /** Where a word starting with a leet digit began, or -1. */
  private frameStart = -1;

  /** A leet digit ("0", "1", "3", "4", "5", "7") at `i`. */
  leetDigit(text: string, i: number): void {
    const before = classOf(at(text, i - 1));
    const after = classOf(at(text, i + 1));
    if (before & LETTER && after & LETTER) this.leet = true;
    else if (before & LETTER && this.frameStart >= 0) {
      let letters = true;
      for (let j = this.frameStart + 1; j < i && letters; j++)
        letters = (classOf(text.charCodeAt(j)) & LETTER) !== 0;
      if (letters) this.leet = true;
    }
    this.frameStart = !(before & WORD) && after & LETTER ? i : -1;
  }

  /** A letter at `i` with no letter or digit on either side. */
  loneLetter(text: string, i: number): void {
    if ((i === 0 || classOf(at(text, i - 1)) & SPACER) && classOf(at(text, i + 1)) & SPACER) {
      this.singles = i - this.lastSingle <= 4 ? this.singles + 1 : 1;
      this.lastSingle = i;
      if (this.singles >= 4) this.spaced = true;
    }
  }

  /** A '%' at `i`. */
  percent(text: string, i: number): void {
    if (classOf(at(text, i + 1)) & HEX && ++this.escapes >= 3) this.url = true;
  }

  /** A run of base64/hex/escape characters `length` long ended. */
  endRun(length: number): void {
    if (length >= 16) this.encoded = true;
  }

  /** The text (`length` characters) is over. */
  finish(length: number): void {
    this.morse = this.dots >= 20 && this.dots * 2 >= length;
  }
}

const isAsciiAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** The hints for a whole text, in one pass of their own (when no scanner pass computes them). */
export function decoderHints(text: string): DecoderHints {
  const t = new HintTracker();
  const n = text.length;
  let runStart = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isLeetDigit(c)) t.leetDigit(text, i);
    else if (c >= 97 && c <= 122 && !isAsciiAlnum(at(text, i - 1)) && !isAsciiAlnum(at(text, i + 1)))
      t.loneLetter(text, i);
    else if (c === 37) t.percent(text, i);
    else if (c === 46 || c === 45) t.dots++;
    if (!continuesEncodedRun(c)) {
      t.endRun(i - runStart - 1);
      runStart = i;
    }
  }
  t.endRun(n - runStart - 1);
  t.finish(n);
  t.rot13 = ROT13_WORDS.some((w) => text.includes(w));
  t.reversed = REVERSED_WORDS.some((w) => text.includes(w));
  return t;
}
