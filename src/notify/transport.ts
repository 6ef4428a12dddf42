import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/** POST with a timeout; any non-2xx is a failure carrying only the status (never the response body). */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  await res.body?.cancel();
  if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
}

/** One syslog message over UDP, or over TCP with RFC 6587 octet-counting framing. */
export function sendSyslog(
  host: string,
  port: number,
  transport: 'udp' | 'tcp',
  msg: string,
  timeoutMs: number,
): Promise<void> {
  const data = Buffer.from(msg, 'utf8');
  if (transport === 'udp') {
    return new Promise((resolve, reject) => {
      const s = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      s.send(data, port, host, (err) => {
        s.close();
        if (err) reject(err);
        else resolve();
      });
    });
  }
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port });
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error('syslog TCP timeout')));
    sock.once('error', reject);
    sock.once('connect', () =>
      sock.end(Buffer.concat([Buffer.from(`${data.length} `), data]), () => resolve()),
    );
  });
}
