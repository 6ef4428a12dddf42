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
  /** `offsets[i]` is the index in the input of output character i (when requested). */
  offsets?: Uint32Array;
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

function isInvisible(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff ||
    c === 0x00ad ||
    c === 0x034f ||
    c === 0x180e
  );
}

export function normalizeText(input: string, withOffsets = false): NormalizedText {
  // NFKC folds full-width letters, ligatures and compatibility forms into plain ones. It can change
  // lengths, so offsets are only exact for text it leaves alone (then they are approximate).
  const folded = /[^\x00-\x7f]/.test(input) ? input.normalize('NFKC') : input;
  const offsets = withOffsets ? new Uint32Array(folded.length + 1) : undefined;
  const scale = folded.length === input.length ? 1 : input.length / Math.max(1, folded.length);
  let out = '';
  let invisible = 0;
  let confusables = 0;
  let tagPayload = '';
  let lastSpace = true;
  for (let i = 0; i < folded.length; i++) {
    let c = folded.charCodeAt(i);
    if (c === 0xdb40 && i + 1 < folded.length) {
      const low = folded.charCodeAt(i + 1);
      i++;
      const ascii = low - 0xdc00;
      if (ascii >= 0x20 && ascii <= 0x7e) tagPayload += String.fromCharCode(ascii);
      invisible++;
      continue;
    }
    if (isInvisible(c)) {
      invisible++;
      continue;
    }
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      const space = c === 32 || c === 9 || c === 10 || c === 13;
      if (space) {
        if (!lastSpace) {
          if (offsets) offsets[out.length] = Math.floor(i * scale);
          out += ' ';
        }
        lastSpace = true;
        continue;
      }
      lastSpace = false;
      if (offsets) offsets[out.length] = Math.floor(i * scale);
      out += String.fromCharCode(c);
      continue;
    }
    const ch = folded[i]!.toLowerCase();
    const mapped = CONFUSABLES[ch];
    if (mapped) confusables++;
    lastSpace = false;
    const piece = mapped ?? ch;
    if (offsets) for (let k = 0; k < piece.length; k++) offsets[out.length + k] = Math.floor(i * scale);
    out += piece;
  }
  if (offsets) offsets[out.length] = input.length;
  return {
    text: out,
    invisible,
    confusables,
    tagPayload: tagPayload.toLowerCase(),
    ...(offsets ? { offsets: offsets.subarray(0, out.length + 1) } : {}),
  };
}
