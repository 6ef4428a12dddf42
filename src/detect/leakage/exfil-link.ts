import type { Detector, Finding } from '../types.js';

// Markdown image `![alt](url)`, link `[text](url)`, reference definition `[id]: url`, and HTML
// `<img src=...>`: the channels through which an injected response makes the client fetch a URL.
const MD_LINK = /(!?)\[[^\]\n]{0,200}\]\(\s{0,3}<?(https?:\/\/[^\s)>]{1,2048})/g;
const MD_REF = /^\s{0,3}\[[^\]\n]{1,100}\]:\s{0,3}<?(https?:\/\/[^\s>]{1,2048})/gm;
const HTML_IMG = /<img\b[^>]{0,300}?\bsrc\s{0,3}=\s{0,3}["']?(https?:\/\/[^\s"'>]{1,2048})/gi;

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function domainAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * Links and images in a model's output that point outside the allow-list. An image is fetched
 * without a click, and a URL carrying a long query or path segment is how data leaves (the
 * classic markdown-image exfiltration), so those score highest.
 */
export const exfilLinkDetector: Detector = {
  id: 'leakage.exfil_link',
  fields: ['response'],
  detect(text, ctx) {
    if (!text.includes('http')) return [];
    const allowed = ctx.allowedDomains ?? [];
    const out: Finding[] = [];
    const consider = (url: string, index: number, length: number, image: boolean) => {
      const host = hostOf(url);
      if (!host || domainAllowed(host, allowed)) return;
      const u = new URL(url);
      const payload = u.search.length + u.hash.length > 24 || /[A-Za-z0-9+/=_-]{32,}/.test(u.pathname);
      const score = image ? (payload ? 0.95 : 0.75) : payload ? 0.8 : 0.35;
      out.push({
        category: 'leakage.exfil_link',
        detector: this.id,
        score,
        field: ctx.field,
        start: index,
        end: index + length,
      });
    };
    for (const m of text.matchAll(MD_LINK)) consider(m[2]!, m.index, m[0].length, m[1] === '!');
    for (const m of text.matchAll(MD_REF)) consider(m[1]!, m.index, m[0].length, false);
    for (const m of text.matchAll(HTML_IMG)) consider(m[1]!, m.index, m[0].length, true);
    return out;
  },
};
