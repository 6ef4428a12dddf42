/**
 * E-mail addresses found from their '@' instead of by running the address pattern at every
 * offset: a pattern that opens with a 64-character class tries (and fails) at each of the
 * thousands of word characters in a prompt, while addresses are rare. The spans are exactly those
 * of `text.matchAll(EMAIL)` (tested): the local part is the run of its characters before the '@',
 * at most 64 and not reaching back into the previous match; the domain is matched at the '@'.
 */
import { EMAIL } from './patterns.js';

const DOMAIN = new RegExp(EMAIL.source.slice(EMAIL.source.indexOf('@')), 'y');
const LOCAL = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-')
  LOCAL[c.charCodeAt(0)] = 1;
const MAX_LOCAL = 64;

const isLocal = (c: number) => c < 128 && LOCAL[c] === 1;

/** [start, end) of each address, left to right, as the global EMAIL pattern would find them. */
export function emailSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let lastEnd = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const floor = Math.max(lastEnd, at - MAX_LOCAL);
    let start = at;
    while (start > floor && isLocal(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    DOMAIN.lastIndex = at;
    const m = DOMAIN.exec(text);
    if (!m) continue;
    lastEnd = at + m[0].length;
    out.push([start, lastEnd]);
  }
  return out;
}
