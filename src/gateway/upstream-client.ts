import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { UpstreamConfig } from '../config/gateway-schema.js';

export class UpstreamTimeoutError extends Error {
  override name = 'UpstreamTimeoutError';
}
export class UpstreamAbortedError extends Error {
  override name = 'AbortError';
}

const RETRYABLE = new Set([500, 502, 503, 504, 529]);

export interface UpstreamReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The provider's body as it arrives; read it once, with `text`, `json` or as a stream. */
  body: IncomingMessage;
  /** Stops the timeout clock: call once the body has been read (or, streaming, at the headers). */
  settle(): void;
  /** The whole body as text, cut at `limit` characters (the rest is discarded, not buffered). */
  text(limit?: number): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * One keep-alive agent per upstream: connections to a provider are reused across callers, so a
 * proxied call pays no TCP or TLS handshake. `node:http` rather than `fetch`: undici's fetch
 * builds WHATWG requests, headers and streams per call and costs three times the CPU on this path.
 */
export class UpstreamAgents {
  private readonly agents = new Map<string, http.Agent>();

  for(u: UpstreamConfig, secure: boolean): http.Agent {
    const key = `${u.name}|${secure ? 's' : ''}`;
    let a = this.agents.get(key);
    if (!a) {
      const opts = { keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' as const };
      a = secure ? new https.Agent(opts) : new http.Agent(opts);
      this.agents.set(key, a);
    }
    return a;
  }

  /** Closes idle upstream connections (server shutdown). */
  close(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }
}

interface Attempt {
  reply?: UpstreamReply;
  error?: unknown;
  /** The request failed on a reused keep-alive socket before any answer: safe to send again. */
  staleSocket?: boolean;
}

function attemptOnce(
  agents: UpstreamAgents,
  u: UpstreamConfig,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  signal: AbortSignal,
): Promise<Attempt> {
  return new Promise((resolve) => {
    const secure = url.protocol === 'https:';
    const payload = init.body === undefined ? undefined : Buffer.from(init.body);
    const headers: Record<string, string | number> = { ...init.headers };
    if (payload) headers['content-length'] = payload.length;
    let settled = false;
    let timedOut = false;
    const req = (secure ? https : http).request(url, {
      method: init.method,
      headers,
      agent: agents.for(u, secure),
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new UpstreamTimeoutError(`upstream ${u.name} timed out after ${u.timeout_ms} ms`));
    }, u.timeout_ms);
    const onAbort = () => req.destroy(new UpstreamAbortedError('caller went away'));
    signal.addEventListener('abort', onAbort, { once: true });
    const stopClock = () => clearTimeout(timer);
    const finish = (a: Attempt) => {
      if (settled) return;
      settled = true;
      resolve(a);
    };
    req.on('error', (e) => {
      stopClock();
      signal.removeEventListener('abort', onAbort);
      finish({
        error: timedOut
          ? new UpstreamTimeoutError(`upstream ${u.name} timed out after ${u.timeout_ms} ms`)
          : e,
        staleSocket: req.reusedSocket && !timedOut && !signal.aborted,
      });
    });
    req.on('response', (res) => {
      // A timeout or abort while the body is read surfaces as an error on the body stream.
      res.on('error', () => undefined);
      req.on('close', () => signal.removeEventListener('abort', onAbort));
      finish({
        reply: {
          status: res.statusCode ?? 502,
          headers: res.headers,
          body: res,
          settle: stopClock,
          text: (limit) => readText(res, limit, () => timedOut, u),
          json: async () => JSON.parse(await readText(res, undefined, () => timedOut, u)) as unknown,
        },
      });
    });
    req.end(payload);
  });
}

function readText(
  res: IncomingMessage,
  limit: number | undefined,
  timedOut: () => boolean,
  u: UpstreamConfig,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (d: Buffer) => {
      if (limit === undefined || size < limit * 4) chunks.push(d);
      size += d.length;
    });
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(limit === undefined ? text : text.slice(0, limit));
    });
    res.on('error', (e) =>
      reject(
        timedOut() ? new UpstreamTimeoutError(`upstream ${u.name} timed out after ${u.timeout_ms} ms`) : e,
      ),
    );
    res.on('close', () => {
      if (!res.complete) reject(new Error('upstream closed the connection mid-body'));
    });
  });
}

/**
 * Sends with a timeout, retrying connection errors and 5xx with exponential backoff (250 ms,
 * 500 ms, ...). The clock keeps running until `settle`, so a non-streaming body that never ends
 * is cut off too, while a stream, settled at its headers, is read at the client's pace and
 * stopped through `signal`. A request that met a keep-alive socket the provider had just closed
 * is sent again once, whatever the retry setting: the provider never saw it.
 */
export async function sendUpstream(
  agents: UpstreamAgents,
  u: UpstreamConfig,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  signal: AbortSignal,
): Promise<UpstreamReply> {
  const target = new URL(url);
  let attempt = 0;
  let staleRetried = false;
  for (;;) {
    const a = await attemptOnce(agents, u, target, init, signal);
    if (a.reply) {
      if (!RETRYABLE.has(a.reply.status) || attempt >= u.retries) return a.reply;
      a.reply.settle();
      a.reply.body.resume();
    } else {
      if (signal.aborted) throw a.error;
      if (a.staleSocket && !staleRetried) {
        staleRetried = true;
        continue;
      }
      if (attempt >= u.retries) throw a.error;
    }
    attempt++;
    await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
  }
}

/** Whether an error came from the request timing out (possibly while reading the body). */
export function isTimeout(e: unknown): boolean {
  return e instanceof UpstreamTimeoutError;
}
