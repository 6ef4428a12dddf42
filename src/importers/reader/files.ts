import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Expands the command line's paths: directories are walked recursively in name order (so a
 * re-run reads the same files in the same order); dot-files are skipped; `-` stays stdin.
 * Throws with the path named when one does not exist.
 */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new Error(`${p}: no such file or directory`);
    }
    if (!st.isDirectory()) {
      out.push(p);
      return;
    }
    for (const name of readdirSync(p).sort()) {
      if (!name.startsWith('.')) walk(join(p, name));
    }
  };
  for (const p of paths) {
    if (p === '-') out.push(p);
    else walk(p);
  }
  return out;
}
