import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The caller's address. X-Forwarded-For is believed only from a configured proxy, and then only
 * its right-most untrusted hop, so a client cannot choose the address it is logged under.
 */
export function clientIp(c: Context, trustedProxies: readonly string[]): string {
  let remote = '';
  try {
    remote = getConnInfo(c).remote.address ?? '';
  } catch {
    remote = '';
  }
  return resolveClientIp(remote, c.req.header('x-forwarded-for'), trustedProxies);
}

/** The same rule over a socket's address and the raw X-Forwarded-For header. */
export function resolveClientIp(
  socketAddress: string,
  xff: string | undefined,
  trustedProxies: readonly string[],
): string {
  const remote = socketAddress.replace(/^::ffff:/, '');
  if (!trustedProxies.includes(remote)) return remote;
  if (!xff) return remote;
  const hops = xff
    .split(',')
    .map((h) => h.trim().replace(/^::ffff:/, ''))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(hops[i]!)) return hops[i]!.slice(0, 64);
  }
  return remote;
}
