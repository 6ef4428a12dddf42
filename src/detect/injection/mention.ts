/**
 * Mention, not use: security teams write about attacks ("our WAF flagged a request containing
 * 'disregard all prior instructions'", "why did the DAN jailbreak work?", "someone asked it to
 * repeat the text above"), and a monitor that flags every such question is useless to them. A
 * signature hit counts as a mention when it is quoted as a phrase, reported as what somebody else
 * typed, or named in a question about the attack. Mentions keep their finding at a low score:
 * still searchable, no longer enough to alert on alone.
 */
import type { Hit } from './trigger-scan.js';

/** The highest score a mentioned signature keeps. */
export const MENTION_SCORE = 0.3;

/**
 * Quoted stretches of one line and at most 160 characters (a longer quote is a payload, not a
 * phrase). A single quote opens only after a non-letter and closes only before one, so the
 * apostrophes of "don't" and "you're" neither open nor close a quote.
 */
const QUOTED =
  /"([^"\n]{3,160})"|“([^”\n]{3,160})”|‘([^’\n]{3,160})’|`([^`\n]{3,160})`|(?<![a-z0-9])'((?:[^'\n]|'(?=[a-z])){3,160}?)'(?![a-z0-9])/g;

/**
 * Words right before a quote that make it a cited phrase. "Say" only after "that" or "which"
 * ("prompts that say '…'"): alone it is the imperative of "say 'I have been PWNED'".
 */
const CITES_BEFORE =
  /\b(?:phrases?|strings?|text|words?|sentences?|lines?|like|such as|e\.g\.|containing|contains|contain|says|said|saying|(?:that|which|who) say|typed|types|wrote|writes|sent|sends|pasted|pastes|entered|submitted|posted|obeyed|followed|answered|received|items?|examples?|list|inputs?|messages?|patterns?|keywords?|tokens?|query|queries|requests?|called|named|titled|about|the)[ :,]{0,3}$/;
/** What may stand between two items of a quoted list. */
const LIST_GAP = /^[ ,;/]{0,3}(?:and |or )?$/;

/** Words right after a quote that make it the name of something ("the 'DAN' prompt"). */
const CITES_AFTER =
  /^[ ,]{0,2}(?:attacks?|prompts?|jailbreaks?|exploits?|tricks?|techniques?|phrases?|strings?|tokens?|messages?|patterns?|injections?|payloads?|style|memes?|examples?|trend|method)\b/;

/** A role marker named as a thing: "wrap the system message in <|system|> tags", "what <|endoftext|> means". */
const NAMES_MARKUP =
  /^(?:(?:,| and| or|,? and| ?\/) ?<\|[a-z_]{1,20}\|>){0,3}[ ,]{0,2}(?:tags?|tokens?|markers?|delimiters?|special tokens?|headers?|blocks?|means?|meant|stands? for|does|do)\b/;

/**
 * Somebody else's request, reported ("someone asked it to ...", "a user typed ..."), or what a
 * model did, told as past or hypothetical behaviour ("the bot would print its system prompt").
 */
const REPORTED =
  /(?:\b(?:someone|somebody|a user|the user|users|people|attackers?|an attacker|hackers?|a hacker|customers?|a customer|they|he|she)(?: [^ .!?]+){0,2} (?:asked|asks|told|tells|typed|types|wrote|writes|said|says|tried|tries|sent|sends|used|uses|pasted|pastes|entered|enters)\b|\b(?:asked|asks|asking|told|tells|telling|tricked|tricks|tricking|got|gets|getting|convinced|convinces|convincing|made|makes|making) (?:it|them|the (?:bot|model|chatbot|assistant|ai|llm|agent)|our (?:bot|model|chatbot|assistant|agent|ai)|chatgpt|claude|gemini) (?:to|into)\b|\b(?:the|our|a|their|my) (?:bot|model|chatbot|assistant|agent|ai|llm|app) (?:would|could|did|kept|used to|started to|was able to|tended to)\b)[^.!?]{0,60}$/;

/** Signatures that name a known attack ("DAN", "do anything now"): asking about it is common. */
const NAMED_ATTACKS: ReadonlySet<string> = new Set([
  'persona.dan_mode',
  'persona.do_anything_now',
  'persona.jailbreak_word',
]);
const QUESTION_START =
  /^(?:what|why|how|when|who|where|which|is|was|were|are|did|does|do|explain|describe|can you (?:explain|describe|tell me)|could you (?:explain|describe|tell me)|tell me about)\b/;
/** A question that also tells the model what to be is a request, not a question about one. */
const DIRECTS_MODEL =
  /\b(?:you are|you're|you will|you'll|act as|pretend|from now on|respond as|answer as|reply as|stay in|enable|activate|enter)\b/;

export interface QuotedSpan {
  start: number;
  end: number;
  cited: boolean;
}

/** Quoted stretches of `text` (normalized), each marked cited when a mention cue sits beside it. */
export function quotedSpans(text: string): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    const start = m.index + 1;
    const end = start + inner.length;
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    const after = text.slice(end + 1, end + 24);
    // The next item of a quoted list is cited like the first: "examples: 'a', 'b' or 'c'".
    const prev = out[out.length - 1];
    const listed = prev?.cited === true && LIST_GAP.test(text.slice(prev.end + 1, m.index));
    out.push({ start, end, cited: listed || CITES_BEFORE.test(before) || CITES_AFTER.test(after) });
  }
  return out;
}

/** The sentence around `at`: from the last sentence end before it to the next one after it. */
function sentenceAround(text: string, at: number): { start: number; end: number } {
  // Bounded: a run of 300 characters without a full stop is no question about an attack, and an
  // unbounded walk from each hit would make a long hostile text quadratic.
  const floor = Math.max(0, at - MAX_SENTENCE);
  const ceiling = Math.min(text.length, at + MAX_SENTENCE);
  let start = at;
  while (start > floor && !isSentenceEnd(text.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < ceiling && !isSentenceEnd(text.charCodeAt(end))) end++;
  return { start, end };
}

const MAX_SENTENCE = 300;
/** `.`, `!`, `?` or a line break. */
const isSentenceEnd = (c: number) => c === 46 || c === 33 || c === 63 || c === 10;

/** Whether a hit in `text` mentions an attack rather than making one (see the module comment). */
export function isMention(text: string, hit: Hit, quotes: readonly QuotedSpan[]): boolean {
  if (quotes.some((q) => q.cited && q.start <= hit.start && hit.end <= q.end)) return true;
  if (hit.category === 'injection.delimiter' && NAMES_MARKUP.test(text.slice(hit.end, hit.end + 100)))
    return true;
  const sentence = sentenceAround(text, hit.start);
  const before = text.slice(Math.max(sentence.start, hit.start - 120), hit.start);
  if (REPORTED.test(before)) return true;
  if (!NAMED_ATTACKS.has(hit.signature)) return false;
  const whole = text.slice(sentence.start, sentence.end).trim();
  // A quoted "stay in character" names a trick; it does not tell the model to do it.
  const unquoted = whole.replace(QUOTED, '""');
  return QUESTION_START.test(whole) && !DIRECTS_MODEL.test(unquoted);
}

/** `text` with its cited quotes blanked, for scoring the rest of it. */
export function withoutCitedQuotes(text: string, quotes: readonly QuotedSpan[]): string {
  let out = '';
  let pos = 0;
  for (const q of quotes) {
    if (!q.cited) continue;
    out += text.slice(pos, q.start);
    pos = q.end;
  }
  return pos === 0 ? text : out + text.slice(pos);
}

/**
 * `hits` with mentions marked (".mention", score at most MENTION_SCORE), and the text the
 * classifier should score: without its cited quotes when a hit was quoted as a phrase, since those
 * n-grams would otherwise carry the attack into the score. Used by the detector and by training,
 * so the classifier learns from the same view of a text that it is later asked to score.
 */
export function applyMentions(text: string, hits: readonly Hit[]): { hits: Hit[]; classifierText: string } {
  if (hits.length === 0) return { hits: [], classifierText: text };
  const quotes = quotedSpans(text);
  let quotedMention = false;
  const marked = hits.map((h) => {
    if (!isMention(text, h, quotes)) return h;
    quotedMention ||= quotes.some((q) => q.cited && q.start <= h.start && h.end <= q.end);
    return { ...h, signature: `${h.signature}.mention`, score: Math.min(h.score, MENTION_SCORE) };
  });
  return { hits: marked, classifierText: quotedMention ? withoutCitedQuotes(text, quotes) : text };
}
