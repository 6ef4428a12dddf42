import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './command.js';

export const remoteOptions = {
  url: { type: 'string' },
  key: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/**
 * Where the server is and which key to use: flags, then SIGHTLINE_URL / SIGHTLINE_API_KEY, then
 * the local bootstrap admin key, so `sightline query` works right after `npm start`.
 */
export function resolveRemote(values: Record<string, unknown>): { url: string; key: string } {
  const url = (values.url as string | undefined) ?? process.env.SIGHTLINE_URL ?? 'http://127.0.0.1:7600';
  let key = (values.key as string | undefined) ?? process.env.SIGHTLINE_API_KEY;
  if (!key) {
    const dir =
      (values['data-dir'] as string | undefined) ?? process.env.SIGHTLINE_DATA_DIR ?? './.sightline';
    const file = resolve(dir, 'bootstrap-admin.key');
    if (existsSync(file)) key = readFileSync(file, 'utf8').trim();
  }
  if (!key)
    throw new UsageError('no API key: pass --key, set SIGHTLINE_API_KEY, or run where .sightline/ is');
  return { url, key };
}

export async function apiGet(remote: { url: string; key: string }, path: string): Promise<unknown> {
  const res = await fetch(new URL(path, remote.url), { headers: { authorization: `Bearer ${remote.key}` } });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${remote.url} answered ${res.status} with a non-JSON body`);
  }
  if (!res.ok) {
    const msg = (body as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`;
    throw new Error(`${res.status}: ${msg}`);
  }
  return body;
}
