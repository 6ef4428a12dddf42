import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';

let words: Set<string> | undefined;

/** English word list shipped in data/vocabulary.txt (from SCOWL via Debian's wamerican). */
function vocabulary(): Set<string> {
  if (!words) {
    words = new Set(readFileSync(packagePath('data', 'vocabulary.txt'), 'utf8').split('\n').filter(Boolean));
  }
  return words;
}

/** Accepts simple inflections (plural, past, -ing) of listed words, which the list omits. */
export function isKnownWord(lower: string): boolean {
  const v = vocabulary();
  if (v.has(lower)) return true;
  if (lower.endsWith('s') && v.has(lower.slice(0, -1))) return true;
  if (lower.endsWith('ed') && (v.has(lower.slice(0, -2)) || v.has(lower.slice(0, -1)))) return true;
  if (lower.endsWith('ing') && (v.has(lower.slice(0, -3)) || v.has(`${lower.slice(0, -3)}e`))) return true;
  return false;
}
