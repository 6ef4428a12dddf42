/**
 * Decoded variants of a (normalized, lower-cased) text: what an attacker hid with an encoding the
 * model can read but a filter cannot. Each variant is scanned by the same signatures. Decoders are
 * gated on cheap checks so ordinary prompts pay almost nothing.
 */
import { decoderHints, type DecoderHints } from './decoder-hints.js';

export interface Variant {
  via: 'base64' | 'hex' | 'url' | 'rot13' | 'leetspeak' | 'spaced' | 'reversed' | 'morse' | 'tags';
  text: string;
}

const MAX_VARIANTS = 8;
const MAX_DECODE = 20_000;

export const SPACED = /(?:^|\s)(?:[a-z][ .\-_*|,]{1,3}){4,200}[a-z](?=$|\s|[.!?,])/g;
// A digit standing for a letter inside a word ("pr3v10us"), or a word framed by such digits
// ("1gn0r3"). Symbols ("@", "$") are decoded once this fires but do not fire it: e-mail
// addresses and prices would send every such prompt through a second scan.
export const LEET_HINT = /[a-z][013457][a-z]|\b[013457][a-z]+[013457]/;
export const URL_ENCODED = /%[0-9a-f]{2}.{0,40}%[0-9a-f]{2}.{0,40}%[0-9a-f]{2}/i;

function printableShare(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10 || c === 9) ok++;
  }
  return ok / s.length;
}

function decodeBase64(run: string): string | undefined {
  const buf = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const s = buf.toString('latin1');
  return s.length >= 8 && printableShare(s) > 0.9 && /[a-z]{3}/i.test(s) ? s.toLowerCase() : undefined;
}

function isB64(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 47 ||
    c === 95 ||
    c === 45
  );
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Runs of 16+ base64 characters mixing upper and lower case (base64), or of 16+ hex digits (or
 * `\\xNN` escapes), found in one pass without a regex.
 */
function encodedRuns(text: string): [number, number, 'base64' | 'hex'][] {
  const runs: [number, number, 'base64' | 'hex'][] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92 && text.charCodeAt(i + 1) === 120) {
      let j = i;
      while (
        j + 3 < n + 1 &&
        text.charCodeAt(j) === 92 &&
        text.charCodeAt(j + 1) === 120 &&
        isHex(text.charCodeAt(j + 2)) &&
        isHex(text.charCodeAt(j + 3))
      )
        j += 4;
      if (j - i >= 32) runs.push([i, j, 'hex']);
      i = Math.max(j, i + 1);
      continue;
    }
    if (!isB64(c)) {
      i++;
      continue;
    }
    let j = i;
    let upper = false;
    let lower = false;
    let allHex = true;
    while (j < n && isB64(text.charCodeAt(j))) {
      const d = text.charCodeAt(j);
      if (d >= 65 && d <= 90) upper = true;
      else if (d >= 97 && d <= 122) lower = true;
      if (!isHex(d)) allHex = false;
      j++;
    }
    while (j < n && text.charCodeAt(j) === 61 && j - i < 8200) j++; // '=' padding
    if (j - i >= 16) {
      if (allHex && (j - i) % 2 === 0) runs.push([i, j, 'hex']);
      else if (upper && lower) runs.push([i, j, 'base64']);
    }
    i = j;
  }
  return runs;
}

function rot13(s: string): string {
  return s.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'i',
};

/** `hints` may come from the scanner's pass over `text`; computed here otherwise. */
export function variantsOf(
  text: string,
  original: string,
  hints: DecoderHints = decoderHints(text),
): Variant[] {
  const out: Variant[] = [];
  const add = (via: Variant['via'], t: string) => {
    if (out.length < MAX_VARIANTS && t.length > 0) out.push({ via, text: t.slice(0, MAX_DECODE) });
  };
  // Base64 and hex are case-sensitive, so they are read from the original text.
  if (hints.encoded && original.length >= 16) {
    let decoded = '';
    let hex = '';
    for (const [from, to, kind] of encodedRuns(original)) {
      if (decoded.length + hex.length > MAX_DECODE) break;
      const run = original.slice(from, to);
      if (kind === 'hex') {
        const s = Buffer.from(run.replace(/\\x/gi, ''), 'hex').toString('latin1');
        if (printableShare(s) > 0.9) hex += s.toLowerCase() + ' ';
      } else {
        const d = decodeBase64(run);
        if (d) decoded += d + ' ';
      }
    }
    if (decoded) add('base64', decoded);
    if (hex) add('hex', hex);
  }
  if (hints.url && URL_ENCODED.test(text)) {
    try {
      add('url', decodeURIComponent(text.replace(/\+/g, ' ')));
    } catch {
      add(
        'url',
        text.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      );
    }
  }
  if (hints.rot13) add('rot13', rot13(text));
  if (hints.reversed) add('reversed', [...text].reverse().join(''));
  if (hints.leet)
    add(
      'leetspeak',
      text.replace(/[013457@$|!]/g, (c) => LEET[c] ?? c),
    );
  if (hints.spaced && SPACED.test(text)) {
    SPACED.lastIndex = 0;
    add(
      'spaced',
      text.replace(SPACED, (m) => ' ' + m.replace(/[ .\-_*|,]/g, '') + ' '),
    );
  }
  if (hints.morse) add('morse', decodeMorse(original));
  return out;
}

const MORSE: Record<string, string> = Object.fromEntries(
  (
    'a.- b-... c-.-. d-.. e. f..-. g--. h.... i.. j.--- k-.- l.-.. m-- n-. o--- p.--. q--.- r.-. s... t- ' +
    'u..- v...- w.-- x-..- y-.-- z--.. 0----- 1.---- 2..--- 3...-- 4....- 5..... 6-.... 7--... 8---.. 9----.'
  )
    .split(' ')
    .map((e) => [e.slice(1), e[0]!]),
);

/** Morse with letters apart by a space and words by "/" or a wider gap. */
function decodeMorse(original: string): string {
  return original
    .trim()
    .split(/\s*[/|]\s*|\s{2,}/)
    .map((word) =>
      word
        .split(/\s+/)
        .map((code) => MORSE[code] ?? '')
        .join(''),
    )
    .join(' ');
}
