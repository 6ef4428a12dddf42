const BEGIN = /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;

/**
 * Spans of PEM private keys. The span runs to the END line, or, when the key was cut off, to the
 * end of its base64 body, so a truncated key is still removed whole.
 */
export function pemSpans(text: string): [number, number][] {
  if (!text.includes('PRIVATE KEY')) return [];
  const spans: [number, number][] = [];
  // The next END line is looked up once and reused by the BEGIN lines before it: searching again
  // from every BEGIN made a text of many BEGIN lines and no END quadratic.
  let endMarker = -2;
  for (const m of text.matchAll(BEGIN)) {
    const bodyStart = m.index + m[0].length;
    if (spans.length && m.index < spans[spans.length - 1]![1]) continue;
    if (endMarker !== -1 && endMarker < bodyStart) endMarker = text.indexOf('-----END', bodyStart);
    let end: number;
    if (endMarker >= 0) {
      const close = text.indexOf('-----', endMarker + 8);
      end = close >= 0 ? close + 5 : text.length;
    } else {
      end = bodyStart;
      while (end < text.length && /[A-Za-z0-9+/=\s\\n]/.test(text[end]!)) end++;
    }
    spans.push([m.index, end]);
  }
  return spans;
}
