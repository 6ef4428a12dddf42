/**
 * What signature files are made of. Patterns run over normalized (lower-case, single-spaced) text
 * and use bounded word gaps like `(?: [^ ]+){0,4}`, where each repetition must consume a space and
 * a word, so matching stays linear. Each pattern must start with `\b` and a word (or a group of
 * words), or with `<`, `[`, `#` or a backtick: the scanner (trigger-scan.ts) tries it only where
 * such a start occurs.
 */
export interface Signature {
  id: string;
  category: string;
  score: number;
  re: RegExp;
  /** Token prefixes where a match can start; read from the pattern when absent (leads.ts). */
  lead?: readonly string[];
}

export interface Family {
  category: string;
  signatures: readonly Signature[];
}

/** Up to n more words. */
export const GAP = (n: number) => `(?: [^ ]+){0,${n}}`;
/** Up to n more words, none ending a sentence: the match stays inside one clause. */
export const SAME_CLAUSE = (n: number) => `(?: [^ ]*[^ .!?;]){0,${n}}`;

export const sig = (id: string, category: string, score: number, source: string): Signature => ({
  id,
  category,
  score,
  re: new RegExp(source),
});
