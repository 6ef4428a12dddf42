import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Leak {
  where: string;
  needle: string;
}

/** Finds any needle in a text, reporting where. */
export function scanText(where: string, text: string | Buffer, needles: readonly string[]): Leak[] {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  return needles.filter((n) => buf.includes(Buffer.from(n))).map((needle) => ({ where, needle }));
}

/**
 * Every file Sightline wrote under its data directory, except the key files (random bytes by
 * construction). The DuckDB file is scanned whole: the content tier inside it is ciphertext, so a
 * canary found there in clear is a leak whichever table holds it.
 */
export function scanDataDir(dir: string, needles: readonly string[]): Leak[] {
  const out: Leak[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (relative(dir, p) === 'keys') continue;
        walk(p);
      } else {
        out.push(...scanText(relative(dir, p), readFileSync(p), needles));
      }
    }
  };
  walk(dir);
  return out;
}
