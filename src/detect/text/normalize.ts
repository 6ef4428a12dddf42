import { isInvisibleFormatChar } from './invisible.js';

/**
 * Canonical form for signature matching: attackers spell "ignore" as "ＩＧＮＯＲＥ", "іgnore"
 * (Cyrillic і), "ig\u200bnore" or hide whole sentences in Unicode tag characters. Matching runs on
 * this form so that one signature covers every spelling.
 */
export interface NormalizedText {
  text: string;
  /** Zero-width, bidi-override and similar characters removed. */
  invisible: number;
  /** Letters from other scripts mapped to the Latin letters they imitate. */
  confusables: number;
  /** ASCII hidden as Unicode tag characters (U+E0020–U+E007E), decoded; "" when none. */
  tagPayload: string;
  /** The input was all ASCII (the common case): checks for other scripts can be skipped. */
  ascii: boolean;
}

// Cyrillic and Greek letters that render like Latin ones (a subset of Unicode's confusables.txt).
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ɑ: 'a',
  ı: 'i',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ς: 's',
};

// Only runs and non-space whitespace need rewriting; single spaces (almost all of them) stay.
const WHITESPACE_TO_FOLD = /\s{2,}|[\t\n\v\f\r]/g;

/**
 * Whether an ASCII text has whitespace to fold. Six native substring searches take about two thirds
 * of the time of one regex test over the same text (`\s{2}` is tried at every offset).
 */
function hasWhitespaceToFold(ascii: string): boolean {
  return (
    ascii.includes('  ') ||
    ascii.includes('\n') ||
    ascii.includes('\t') ||
    ascii.includes('\r') ||
    ascii.includes('\v') ||
    ascii.includes('\f')
  );
}

export function normalizeText(input: string): NormalizedText {
  // Most traffic is ASCII: native lower-casing and one whitespace pass beat a per-character loop.
  // A text is ASCII exactly when its UTF-8 length equals its length: a native count that costs a
  // tenth of testing it with a character-class regex.
  if (Buffer.byteLength(input, 'utf8') === input.length) {
    const lower = input.toLowerCase();
    return {
      text: hasWhitespaceToFold(lower) ? lower.replace(WHITESPACE_TO_FOLD, ' ') : lower,
      invisible: 0,
      confusables: 0,
      tagPayload: '',
      ascii: true,
    };
  }
  // NFKC folds full-width letters, ligatures and compatibility forms into plain ones.
  const folded = input.normalize('NFKC');
  const parts: string[] = [];
  let invisible = 0;
  let confusables = 0;
  let tagPayload = '';
  let lastSpace = false;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c === 0xdb40 && i + 1 < folded.length) {
      const ascii = folded.charCodeAt(i + 1) - 0xdc00;
      i++;
      if (ascii >= 0x20 && ascii <= 0x7e) tagPayload += String.fromCharCode(ascii);
      invisible++;
      continue;
    }
    // Regional indicator symbols (U+1F1E6–U+1F1FF) spell letters as flag emoji: "🇭🇴🇼".
    if (c === 0xd83c && i + 1 < folded.length) {
      const low = folded.charCodeAt(i + 1);
      if (low >= 0xdde6 && low <= 0xddff) {
        parts.push(String.fromCharCode(97 + low - 0xdde6));
        confusables++;
        i++;
        lastSpace = false;
        continue;
      }
    }
    if (isInvisibleFormatChar(c)) {
      invisible++;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      if (!lastSpace) parts.push(' ');
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    if (c < 128) {
      parts.push(folded[i]!);
      continue;
    }
    const ch = folded[i]!.toLowerCase();
    const mapped = CONFUSABLES[ch];
    if (mapped) confusables++;
    parts.push(mapped ?? ch);
  }
  return {
    text: parts.join('').toLowerCase(),
    invisible,
    confusables,
    tagPayload: tagPayload.toLowerCase(),
    ascii: false,
  };
}

/**
 * Where a span of the normalized text starts in the original, found by matching its first words:
 * computed only for findings (rare), so the common path keeps no offset table.
 */
export function locateInOriginal(
  original: string,
  normalized: string,
  start: number,
  end: number,
): [number, number] {
  const probe = normalized.slice(start, Math.min(end, start + 24)).trim();
  const at = probe ? original.toLowerCase().indexOf(probe) : -1;
  if (at < 0) return [0, original.length];
  return [at, Math.min(original.length, at + (end - start))];
}
