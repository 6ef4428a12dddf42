import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { packagePath } from '../../src/util/package-root.js';

const run = promisify(execFile);
const cli = packagePath('dist', 'src', 'cli', 'main.js');

/** Runs the built CLI the way a user does; never throws, returns the exit code and output. */
export async function sightline(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const r = await run(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
