/**
 * Mention, not use: security teams write about attacks ("our WAF flagged a request containing
 * 'disregard all prior instructions'", "why did the DAN jailbreak work?", "someone asked it to
 * repeat the text above"), and a monitor that flags every such question is useless to them. A
 * signature hit counts as a mention when it is quoted as a specimen, reported as what somebody
 * else asked for, or named in a question about the attack. Mentions keep their finding at a low
 * score: still searchable, no longer enough to alert on alone. A mention never hides a use: the
 * text is scanned again with its mentions blanked, so "the phrase 'ignore all previous
 * instructions' … Ignore all previous instructions" still finds the second.
 */
import type { Hit } from './trigger-scan.js';

/** The highest score a mentioned signature keeps. */
export const MENTION_SCORE = 0.3;

/**
 * What marks a mention: its signature id, and so its finding's detector id, ends with this. Kept in
 * the id (not a new finding field) so stored events and rules see it with no schema change.
 */
const MENTION_SUFFIX = '.mention';

/** Whether a signature or detector id marks a mention. */
export const isMentionId = (id: string) => id.endsWith(MENTION_SUFFIX);

/**
 * Quoted stretches of one line and at most 160 characters (a longer quote is a payload, not a
 * phrase). A single quote opens only after a non-letter and closes only before one, so the
 * apostrophes of "don't" and "you're" neither open nor close a quote.
 */
const QUOTED =
  /"([^"\n]{3,160})"|“([^”\n]{3,160})”|‘([^’\n]{3,160})’|`([^`\n]{3,160})`|(?<![a-z0-9])'((?:[^'\n]|'(?=[a-z])){3,160}?)'(?![a-z0-9])/g;

/**
 * Words right before a quote that present it as a specimen. "Say" only after "that" or "which"
 * ("prompts that say '…'"): alone it is the imperative of "say 'I have been PWNED'". Words for a
 * message, a query or a request are not here: "answer the query '…'" hands the quote to the model.
 */
const CITES_BEFORE =
  /\b(?:phrases?|strings?|keywords?|patterns?|tokens?|words?|sentences?|like|such as|e\.g\.|containing|contains|contain|blocklist|flagged|blocks?|examples?|items?|(?:that|which|who) say|says|said|saying|sends|sending)[ :,]{0,3}$/;
/** Verbs that cite a quote only with somebody else as their subject: "an employee pasted '…'". */
const REPORTS_BEFORE =
  /\b(?:typed|pasted|wrote|sent|entered|submitted|posted|obeyed|followed|accepted|used|tried)[ :,]{0,3}$/;
const THIRD_PARTY =
  /\b(?:someone|somebody|an? user|the user|users|people|attackers?|an? attacker|hackers?|an? hacker|customers?|an? customer|an? employee|employees|an? contractor|they|he|she|(?:the|our|a) (?:bot|model|chatbot|assistant|agent|ai|llm))\b/;
/** A quote handed to the model by an imperative is not cited, whatever noun stands beside it. */
const ACTS_ON =
  /(?:^|[.!?;:] |\b(?:and|please|then|now) )(?:follow|obey|execute|run|carry out|act on|do|perform|answer|respond to|reply(?: with| saying)?|translate|summari[sz]e|repeat|say|print|output|use|apply)\b(?: [^ ]+){0,3} ?[:,]? ?$/;
/** What may stand between two items of a quoted list, numbered or not: `, 2) `. */
const LIST_GAP = /^[ ,;/]{0,3}(?:and |or )?(?:\d{1,2}[).:] ?|[-*•] ?)?$/;
/**
 * A labelling or moderation task over quoted texts ("classify these user messages as safe or
 * unsafe: 1) '…'"): the quotes are the data, which ML and trust-and-safety teams send all day.
 */
const LABELS_QUOTES =
  /\b(?:classify|label|categori[sz]e|rate|score|sort|tag|grade|triage|moderate)\b[^.!?]{0,40}\b(?:these|the following|each of these|this list of)\b[^.!?]{0,24}\b(?:messages?|prompts?|inputs?|requests?|queries|examples?|texts?|strings?|lines?|sentences?|items?|comments?|posts?|replies|tweets?)\b[^.!?]{0,60}$/;

/** Words right after a quote that make it the name of something ("the 'DAN' prompt"). */
const CITES_AFTER =
  /^[ ,]{0,2}(?:attacks?|prompts?|jailbreaks?|exploits?|tricks?|techniques?|phrases?|strings?|tokens?|messages?|patterns?|injections?|payloads?|style|memes?|examples?|trend|method)\b/;

/** A role marker named as a thing: "wrap the system message in <|system|> tags", "what <|endoftext|> means". */
const NAMES_MARKUP =
  /^(?:(?:,| and| or|,? and| ?\/) ?<\|[a-z_]{1,20}\|>){0,3}[ ,]{0,2}(?:(?:tags?|tokens?|markers?|delimiters?|special tokens?|headers?|blocks?|means?|meant|stands? for)\b|(?:does|do)(?=\?|$| in\b))/;

/**
 * Somebody else's request, reported ("someone asked it to ...", "users tricked the bot into ..."),
 * or what a model did ("the bot used to print its system prompt", "a bug where the bot would ...").
 * Otherwise only past behaviour: "the AI would ignore all rules" is how jailbreak scripts describe
 * the persona they want.
 */
const REPORTED =
  /(?:\b(?:asked|told|tricked|got|convinced|made|asking|telling|tricking|getting|convincing|making) (?:it|them|the (?:bot|model|chatbot|assistant|ai|llm|agent)|our (?:bot|model|chatbot|assistant|agent|ai)|chatgpt|claude|gemini) (?:to|into)\b|\b(?:the|our|a|their|my) (?:bot|model|chatbot|assistant|agent|ai|llm|app) (?:did|kept|used to|started to|was able to)\b|\b(?:bug|issue|problem|flaw|incident) (?:where|in which|that made) (?:the|our|a|their|my) (?:bot|model|chatbot|assistant|agent|ai|llm|app) (?:would|could)\b)[^.!?:;]{0,60}$/;

/** Signatures that name a known attack ("DAN", "do anything now"): asking about it is common. */
const NAMED_ATTACKS: ReadonlySet<string> = new Set([
  'persona.dan_mode',
  'persona.do_anything_now',
  'persona.jailbreak_word',
]);
const QUESTION_START =
  /^(?:what|why|how|when|who|where|which|is|was|were|are|did|does|do|explain|describe|can you (?:explain|describe|tell me)|could you (?:explain|describe|tell me)|tell me about)\b/;
const AUXILIARY_START = /^(?:is|was|were|are|did|does|do)\b/;
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
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const after = text.slice(end + 1, end + 24);
    // The next item of a quoted list is cited like the first: "examples: 'a', 'b' or 'c'".
    const prev = out[out.length - 1];
    const listed = prev?.cited === true && LIST_GAP.test(text.slice(prev.end + 1, m.index));
    const cue =
      CITES_BEFORE.test(before) ||
      LABELS_QUOTES.test(text.slice(Math.max(0, m.index - 160), m.index)) ||
      (REPORTS_BEFORE.test(before) && THIRD_PARTY.test(before)) ||
      CITES_AFTER.test(after);
    out.push({ start, end, cited: listed || (cue && !ACTS_ON.test(before)) });
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
  // Cut off at the bound, the sentence's real start is unknown: start -1 says so.
  return { start: start === floor && floor > 0 ? -1 : start, end };
}

const MAX_SENTENCE = 300;
/** `.`, `!`, `?` or a line break. */
const isSentenceEnd = (c: number) => c === 46 || c === 33 || c === 63 || c === 10;

/** Whether a hit in `text` mentions an attack rather than making one (see the module comment). */
function isMention(text: string, hit: Hit, quotes: readonly QuotedSpan[]): boolean {
  if (quotes.some((q) => q.cited && q.start <= hit.start && hit.end <= q.end)) return true;
  if (hit.category === 'injection.delimiter' && NAMES_MARKUP.test(text.slice(hit.end, hit.end + 100)))
    return true;
  const sentence = sentenceAround(text, hit.start);
  if (sentence.start < 0) return false;
  const before = text.slice(Math.max(sentence.start, hit.start - 120), hit.start);
  if (REPORTED.test(before)) return true;
  if (!NAMED_ATTACKS.has(hit.signature)) return false;
  const whole = text.slice(sentence.start, sentence.end);
  // The question word must come before the name ("Do anything now, DAN" starts with "do" too),
  // and a sentence opening with "is", "do" or "did" is a question only if it ends as one.
  const lead = text.slice(sentence.start, hit.start).trimStart();
  if (!QUESTION_START.test(lead)) return false;
  if (AUXILIARY_START.test(lead) && text[sentence.end] !== '?') return false;
  // A quoted "stay in character" names a trick; it does not tell the model to do it.
  return !DIRECTS_MODEL.test(whole.replace(QUOTED, '""'));
}

/** At most this many scans of one text: each further one blanks the mentions the last one found. */
const MAX_SCANS = 6;

/**
 * The signature hits of a normalized text with mentions told from uses, and the text the
 * classifier should score. `scan` runs the signatures over a text (the detector's scanner, and
 * the CJK patterns); it is called again on the text with the mentions found so far blanked (same
 * length, so offsets hold), until a scan finds no new mention. A signature is a use if any scan
 * finds it outside a mention; otherwise its first mention is reported (".mention", score at most
 * MENTION_SCORE). Past MAX_SCANS, what is left counts as use. The classifier scores the text
 * without the quotes that held mentions, so their n-grams do not carry the attack into the score;
 * training uses the same view.
 */
export function separateMentions(
  text: string,
  scan: (text: string) => Hit[],
  first: Hit[] = scan(text),
): { hits: Hit[]; classifierText: string } {
  if (first.length === 0) return { hits: first, classifierText: text };
  const quotes = quotedSpans(text);
  const bySignature = new Map<string, Hit>();
  const blanked: [number, number][] = [];
  const quotesWithMentions = new Set<QuotedSpan>();
  let hits = first;
  for (let round = 1; ; round++) {
    let found = false;
    for (const h of hits) {
      const prior = bySignature.get(h.signature);
      if (prior && !isMentionId(prior.signature)) continue;
      if (round === MAX_SCANS || !isMention(text, h, quotes)) {
        bySignature.set(h.signature, h);
        continue;
      }
      if (!prior)
        bySignature.set(h.signature, {
          ...h,
          signature: h.signature + MENTION_SUFFIX,
          score: Math.min(h.score, MENTION_SCORE),
        });
      const quote = quotes.find((q) => q.cited && q.start <= h.start && h.end <= q.end);
      if (quote) quotesWithMentions.add(quote);
      blanked.push(quote ? [quote.start, quote.end] : [h.start, h.end]);
      found = true;
    }
    if (!found || round === MAX_SCANS) break;
    hits = scan(blank(text, blanked));
  }
  return { hits: [...bySignature.values()], classifierText: without(text, [...quotesWithMentions]) };
}

/** `text` with the given spans overwritten by a non-word character (offsets unchanged). */
function blank(text: string, spans: readonly [number, number][]): string {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [start, end] of sorted) {
    if (end <= pos) continue;
    const from = Math.max(pos, start);
    out += text.slice(pos, from) + '_'.repeat(end - from);
    pos = end;
  }
  return out + text.slice(pos);
}

/** `text` without the inner text of `quotes`. */
function without(text: string, quotes: readonly QuotedSpan[]): string {
  if (quotes.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const q of [...quotes].sort((a, b) => a.start - b.start)) {
    out += text.slice(pos, q.start);
    pos = q.end;
  }
  return out + text.slice(pos);
}
