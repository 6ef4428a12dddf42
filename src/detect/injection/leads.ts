/**
 * The words (or punctuation) a signature's match must begin with, read from its regex source, so
 * the scanner can try the regex only where one of them starts a token instead of at every offset.
 * Supported shapes: an optional lookbehind, `\b`, then a literal word or a `(?:a|b c|d)` group, as
 * one or several top-level branches; or a literal punctuation character (`<`, `\[`, `#`, backtick).
 * Anything else throws, so a signature that could match elsewhere is never silently skipped.
 */
export interface Leads {
  /** Lower-case prefixes of the token where a match can start. */
  words: string[];
  /** Whole tokens where a match can start (the pattern needs a non-word character after them). */
  wholeWords: string[];
  /** Single non-word characters where a match can start. */
  chars: string[];
}

const WORD = /[a-z0-9]/;
const QUANTIFIER = /[+*?{]/;
/** A word boundary, a space or punctuation, and no quantifier making it optional. */
const ENDS_WORD = /^(?:\\b|(?: |\\[.-]|[',:-])(?![+*?{]))/;

/** Index just past the group that opens at `open` (source[open] === '('). */
function closeOf(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced group in /${source}/`);
}

/** Splits at `|` outside groups and classes. */
function topLevelBranches(source: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(') i = closeOf(source, i) - 1;
    else if (c === '[') while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    else if (c === '|') {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** `follow`: the pattern text after the group this branch belongs to. */
function addLeadsOfBranch(branch: string, leads: Leads, whole: string, follow: string): void {
  let s = branch;
  // A leading lookbehind constrains what precedes the match, not where it starts.
  while (s.startsWith('(?<!') || s.startsWith('(?<=')) s = s.slice(closeOf(s, 0));
  if (s.startsWith('\\b')) s = s.slice(2);
  const punct = /^(?:\\([[#<])|([<#`]))/.exec(s);
  if (punct) {
    leads.chars.push(punct[1] ?? punct[2]!);
    return;
  }
  if (s.startsWith('(?:')) {
    const end = closeOf(s, 0);
    if (QUANTIFIER.test(s[end] ?? '') && s[end] !== '{')
      throw new Error(`optional leading group in /${whole}/: give the signature explicit leads`);
    for (const alt of topLevelBranches(s.slice(3, end - 1)))
      addLeadsOfBranch(alt, leads, whole, s.slice(end) || follow);
    return;
  }
  let word = '';
  let i = 0;
  while (i < s.length && WORD.test(s[i]!)) word += s[i++];
  // A quantifier applies to the last letter read ("fulfil+"), which is then not required.
  if (QUANTIFIER.test(s[i] ?? '')) word = word.slice(0, -1);
  if (!word) throw new Error(`cannot tell where /${whole}/ starts: give the signature explicit leads`);
  const rest = s.slice(i);
  if (ENDS_WORD.test(rest) || (rest === '' && ENDS_WORD.test(follow))) leads.wholeWords.push(word);
  else leads.words.push(word);
}

export function leadsOf(source: string): Leads {
  const leads: Leads = { words: [], wholeWords: [], chars: [] };
  for (const branch of topLevelBranches(source)) addLeadsOfBranch(branch, leads, source, '');
  return {
    words: [...new Set(leads.words)],
    wholeWords: [...new Set(leads.wholeWords)],
    chars: [...new Set(leads.chars)],
  };
}
