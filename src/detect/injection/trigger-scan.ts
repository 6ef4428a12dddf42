/**
 * Runs signature regexes only where a match can start. One pass over the text hashes each token's
 * prefixes and looks them up in a small open-addressing table of lead words (see leads.ts); a hit
 * tries the signatures that lead with that word, as sticky regexes at that offset. Common words
 * that open no signature cost one table probe per character, so the price of a prompt no longer
 * grows with the number of signatures.
 */
import {
  continuesEncodedRun,
  HintTracker,
  isLeetDigit,
  REVERSED_WORDS,
  ROT13_WORDS,
} from '../text/decoder-hints.js';
import { codeUnitsOf } from '../text/utf16.js';
import { leadsOf } from './leads.js';
import type { Signature } from './signatures.js';

export interface Hit {
  category: string;
  signature: string;
  score: number;
  start: number;
  end: number;
}

const P = 0x01000193;
const SEED = 0x811c9dc5;
/** Lead words are short; longer token prefixes are not looked up. */
const MAX_LEAD = 30;
/** The filter's size in 32-bit words, less one (2^16 bits). */
const FILTER_MASK = 2047;

function hashOf(word: string): number {
  let h = SEED;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), P);
  return h | 1;
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** Signatures to try where one lead word starts, and all of them as one regex when several. */
interface Trial {
  ids: number[];
  any: RegExp | undefined;
}

function trialOf(ids: number[], signatures: readonly Signature[]): Trial {
  const any =
    ids.length > 1 ? new RegExp(ids.map((i) => `(?:${signatures[i]!.re.source})`).join('|'), 'y') : undefined;
  return { ids, any };
}

export class SignatureScanner {
  private readonly sticky: RegExp[];
  private readonly keys: Int32Array;
  private readonly slots: Int16Array;
  /** Per table slot: signatures led by this prefix, and those led by it as a whole token. */
  private readonly prefixLists: Trial[];
  private readonly wholeLists: Trial[];
  /** Per table slot: 1 for a rot13 hint word, 2 for a reversed one (decoder hints). */
  private readonly marks: number[] = [];
  private readonly byChar: Map<number, Trial>;
  private readonly mask: number;
  /**
   * One bit per 16-bit hash value of a table word: almost every token prefix is no lead word, and
   * this 8 KB filter says so from the first-level cache, so the table itself is rarely probed.
   */
  private readonly filter = new Int32Array(FILTER_MASK + 1);
  /** The same for every prefix of a table word: a token outside it can stop being hashed. */
  private readonly prefixes = new Int32Array(FILTER_MASK + 1);
  /** Bit n set when some table word is n characters long: other prefix lengths are not probed. */
  private readonly lengths: number;
  private readonly triedAt: Int32Array;
  private readonly triedEpoch: Uint32Array;
  private epoch = 0;

  constructor(readonly signatures: readonly Signature[]) {
    this.sticky = signatures.map((s) => new RegExp(s.re.source, 'y'));
    const byWord = new Map<string, { prefix: number[]; whole: number[] }>();
    const add = (w: string, i: number, kind: 'prefix' | 'whole') => {
      if (w.length > MAX_LEAD) throw new Error(`signature ${signatures[i]!.id}: lead "${w}" is too long`);
      const entry = byWord.get(w) ?? { prefix: [], whole: [] };
      entry[kind].push(i);
      byWord.set(w, entry);
    };
    const byChar = new Map<number, number[]>();
    signatures.forEach((s, i) => {
      const leads = s.lead ? { words: [...s.lead], wholeWords: [], chars: [] } : leadsOf(s.re.source);
      for (const w of leads.words) add(w, i, 'prefix');
      for (const w of leads.wholeWords) add(w, i, 'whole');
      for (const c of leads.chars) byChar.set(c.charCodeAt(0), [...(byChar.get(c.charCodeAt(0)) ?? []), i]);
    });
    this.byChar = new Map([...byChar].map(([code, ids]) => [code, trialOf(ids, signatures)]));
    let size = 64;
    while (size < byWord.size * 4) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.slots = new Int16Array(size);
    const marks = new Map<string, number>();
    for (const w of ROT13_WORDS) marks.set(w, 1);
    for (const w of REVERSED_WORDS) marks.set(w, 2);
    for (const w of marks.keys()) if (!byWord.has(w)) byWord.set(w, { prefix: [], whole: [] });
    const prefixIds: number[][] = [];
    const wholeIds: number[][] = [];
    for (const [word, { prefix, whole }] of byWord) {
      const h = hashOf(word);
      let k = h & this.mask;
      while (this.keys[k] !== 0 && this.keys[k] !== h) k = (k + 1) & this.mask;
      if (this.keys[k] === h) {
        // Two lead words with one hash: both lists are tried (harmless, and vanishingly rare).
        const slot = this.slots[k]!;
        prefixIds[slot]!.push(...prefix);
        wholeIds[slot]!.push(...whole);
        this.marks[slot]! |= marks.get(word) ?? 0;
      } else {
        this.keys[k] = h;
        this.slots[k] = prefixIds.length;
        prefixIds.push([...prefix]);
        wholeIds.push([...whole]);
        this.marks.push(marks.get(word) ?? 0);
      }
      this.filter[(h >>> 5) & FILTER_MASK]! |= 1 << (h & 31);
      for (let end = 1, p = SEED; end <= word.length; end++) {
        p = Math.imul(p ^ word.charCodeAt(end - 1), P);
        this.prefixes[((p | 1) >>> 5) & FILTER_MASK]! |= 1 << ((p | 1) & 31);
      }
    }
    this.prefixLists = prefixIds.map((ids) => trialOf(ids, signatures));
    this.wholeLists = wholeIds.map((ids) => trialOf(ids, signatures));
    this.lengths = [...byWord.keys()].reduce((m, w) => m | (1 << w.length), 0);
    this.triedAt = new Int32Array(signatures.length);
    this.triedEpoch = new Uint32Array(signatures.length);
  }

  /** Matches of the scan in progress, by signature index; reset at the start of each scan. */
  private found: (Hit | undefined)[] = [];
  private nFound = 0;

  /**
   * The first (leftmost) match of each active signature, in signature order: the same matches
   * as running every regex unanchored over the whole text. With `hints`, the same pass works out
   * which decoders could apply.
   */
  scan(text: string, active: (s: Signature) => boolean, hints?: HintTracker): Hit[] {
    this.found = new Array<Hit | undefined>(this.signatures.length);
    this.nFound = 0;
    const epoch = ++this.epoch;
    const { keys, slots, mask, lengths, filter, prefixes, prefixLists, wholeLists } = this;
    let live = false;
    let h = SEED;
    let start = -1;
    const n = text.length;
    const units = codeUnitsOf(text);
    let runStart = -1;
    for (let i = 0; i < n; i++) {
      const cur = units[i]!;
      if ((cur >= 97 && cur <= 122) || (cur >= 48 && cur <= 57)) {
        if (start < 0) {
          start = i;
          h = SEED;
          live = true;
          if (hints !== undefined && cur >= 97 && !isWordChar(units[i + 1]!)) hints.loneLetter(text, i);
        }
        if (cur < 58 && hints !== undefined && isLeetDigit(cur)) hints.leetDigit(text, i);
        if (!live) continue;
        h = Math.imul(h ^ cur, P);
        const key = h | 1;
        // A token that has left every table word's prefixes cannot reach one: the rest of it is
        // not hashed (most words die within a few letters).
        if ((prefixes[(key >>> 5) & FILTER_MASK]! & (1 << (key & 31))) === 0 || i - start >= MAX_LEAD) {
          live = false;
          continue;
        }
        if (((lengths >>> (i - start + 1)) & 1) === 0) continue;
        if ((filter[(key >>> 5) & FILTER_MASK]! & (1 << (key & 31))) === 0) continue;
        let k = key & mask;
        while (keys[k] !== 0) {
          if (keys[k] === key) {
            const slot = slots[k]!;
            if (prefixLists[slot]!.ids.length) this.tryAt(prefixLists[slot]!, text, start, epoch, active);
            if (wholeLists[slot]!.ids.length && !isWordChar(units[i + 1]!))
              this.tryAt(wholeLists[slot]!, text, start, epoch, active);
            if (hints !== undefined && this.marks[slot]) {
              if (this.marks[slot]! & 1) hints.rot13 = true;
              if (this.marks[slot]! & 2) hints.reversed = true;
            }
            break;
          }
          k = (k + 1) & mask;
        }
        continue;
      }
      start = -1;
      if (cur === 32) {
        // A space ends any encoded run; the run only matters when it is long.
        if (hints !== undefined && i - runStart > 16) hints.endRun(i - runStart - 1);
        runStart = i;
        continue;
      }
      if (hints !== undefined) {
        if (cur === 37) hints.percent(text, i);
        else if (cur === 46 || cur === 45) hints.dots++;
        if (!continuesEncodedRun(cur)) {
          hints.endRun(i - runStart - 1);
          runStart = i;
        }
      }
      if (cur === 60 || cur === 91 || cur === 35 || cur === 96) {
        const list = this.byChar.get(cur);
        if (list) this.tryAt(list, text, i, epoch, active);
      }
    }
    hints?.endRun(n - runStart - 1);
    hints?.finish(n);
    if (this.nFound === 0) return [];
    return this.found.filter((f): f is Hit => f !== undefined);
  }

  private tryAt(
    trial: Trial,
    text: string,
    at: number,
    epoch: number,
    active: (s: Signature) => boolean,
  ): void {
    const list = trial.ids;
    if (trial.any !== undefined) {
      // Almost always none of them matches here: one regex call says so for the whole list.
      trial.any.lastIndex = at;
      if (!trial.any.test(text)) return;
    }
    const found = this.found;
    for (let j = 0; j < list.length; j++) {
      const i = list[j]!;
      if (found[i] !== undefined || (this.triedEpoch[i] === epoch && this.triedAt[i] === at)) continue;
      this.triedEpoch[i] = epoch;
      this.triedAt[i] = at;
      const s = this.signatures[i]!;
      if (!active(s)) continue;
      const re = this.sticky[i]!;
      re.lastIndex = at;
      const m = re.exec(text);
      if (m) {
        found[i] = {
          category: s.category,
          signature: s.id,
          score: s.score,
          start: at,
          end: at + m[0].length,
        };
        this.nFound++;
      }
    }
  }
}
