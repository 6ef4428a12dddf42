/**
 * Format characters that render as nothing: zero-width, bidi embeddings and overrides, word
 * joiners and isolates, BOM, soft hyphen, combining grapheme joiner, Mongolian vowel separator.
 * Used to hide words from filters (`ig\u200bnore`) and to reorder what a reader sees.
 */
export function isInvisibleFormatChar(c: number): boolean {
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
