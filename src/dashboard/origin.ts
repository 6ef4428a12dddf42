import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** The Origin (or, failing that, Sec-Fetch-Site) says the request was made by our own pages. */
export function isSameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  if (origin && host) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return c.req.header('sec-fetch-site') === 'same-origin';
}

/** https directly, or via a configured proxy that says so. */
export function isHttps(c: Context, trustedProxies: readonly string[]): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (c.req.header('x-forwarded-proto') !== 'https') return false;
  try {
    const remote = (getConnInfo(c).remote.address ?? '').replace(/^::ffff:/, '');
    return trustedProxies.includes(remote);
  } catch {
    return false;
  }
}
