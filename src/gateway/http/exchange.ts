import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { resolveClientIp } from '../../api/client-ip.js';

export class BodyTooLargeError extends Error {}

/**
 * One proxied request on `node:http`'s own objects. The gateway's endpoints skip the web-standard
 * Request/Response layer the rest of the API uses: on a path that carries every model call,
 * wrapping each body in WHATWG streams and headers costs more than the gateway's own work.
 */
export class Exchange {
  readonly requestId = randomUUID();
  readonly path: string;
  readonly clientIp: string;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    trustedProxies: readonly string[],
  ) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    this.path = q < 0 ? url : url.slice(0, q);
    this.clientIp = resolveClientIp(
      req.socket.remoteAddress ?? '',
      this.header('x-forwarded-for'),
      trustedProxies,
    );
    res.setHeader('X-Request-Id', this.requestId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  /** The whole body as text; refuses (without buffering the rest) past `limit` bytes. */
  readText(limit: number): Promise<string> {
    const declared = Number(this.req.headers['content-length']);
    if (declared > limit) return Promise.reject(new BodyTooLargeError());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (d: Buffer) => {
        size += d.length;
        if (size > limit) {
          this.req.off('data', onData);
          this.req.resume();
          reject(new BodyTooLargeError());
          return;
        }
        chunks.push(d);
      };
      this.req.on('data', onData);
      this.req.on('end', () =>
        resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
      );
      this.req.on('error', reject);
      // A caller that hangs up mid-upload never sends 'end'; without this the call would wait forever.
      this.req.on('close', () => {
        if (!this.req.complete) reject(new Error('the caller closed the connection mid-request'));
      });
    });
  }

  json(status: number, value: unknown, headers: Record<string, string> = {}): void {
    this.send(status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
  }

  send(status: number, body: string, headers: Record<string, string>): void {
    if (this.res.headersSent || this.res.destroyed) return;
    this.res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    this.res.end(body);
  }
}
