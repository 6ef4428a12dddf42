import type { Finding } from './types.js';

/** Typed placeholder for a finding, e.g. `pii.email` → `[EMAIL]`, `secret.aws_access_key` → `[SECRET]`. */
export function placeholderFor(category: string): string {
  const [family, type] = category.split('.', 2);
  if (family === 'secret') return '[SECRET]';
  return `[${(type ?? family ?? 'REDACTED').toUpperCase()}]`;
}

/**
 * Replaces every redactable span with its placeholder. Overlapping spans are merged first so a
 * secret that overlaps a PII match is removed whole, never left half in place.
 */
export function redactText(
  text: string,
  findings: readonly Finding[],
  placeholder: (f: Finding) => string = (f) => placeholderFor(f.category),
): string {
  const spans = findings
    .filter((f) => f.redact && f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  if (spans.length === 0) return text;
  let out = '';
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    const first = spans[i]!;
    let end = first.end;
    // Secrets win over PII in the placeholder so an analyst knows to rotate something.
    let chosen = first;
    i++;
    while (i < spans.length && spans[i]!.start < end) {
      const next = spans[i]!;
      end = Math.max(end, next.end);
      if (next.category.startsWith('secret.') && !chosen.category.startsWith('secret.')) chosen = next;
      i++;
    }
    out += text.slice(pos, Math.max(pos, first.start)) + placeholder(chosen);
    pos = Math.max(pos, end);
  }
  return out + text.slice(pos);
}
