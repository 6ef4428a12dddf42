import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package folder, whether running from `src/` (tests) or `dist/src/` (installed). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the sightline package folder');
    dir = up;
  }
  root = dir;
  return dir;
}

/** Path of a file shipped with the package (data/, rules/, web/dist/). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
