import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Session } from 'chdb';

/**
 * The part of ClickHouse's HTTP interface that `@clickhouse/client` uses, served by the current
 * ClickHouse engine (chDB) of this process, so that several Sightline processes can share one real,
 * current engine over the real HTTP transport (no current clickhouse-server installs on the CI
 * machine; docs/clickhouse.md). Requests run one at a time on one session: per request, URL
 * settings and `param_*` values are SET before the statement and reset after it.
 */

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** URL parameters that are protocol, not engine settings. */
const PROTOCOL = new Set(['query', 'query_id', 'database', 'session_id', 'default_format', 'role']);
/** Settings the HTTP layer of a server handles itself; the embedded engine rejects them. */
const HTTP_LAYER = new Set([
  'enable_http_compression',
  'wait_end_of_query',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'http_response_buffer_size',
  'http_zlib_compression_level',
]);

export interface ChdbHttpServer {
  url: string;
  stats: { requests: number; errors: number };
  close(): Promise<void>;
}

/** A ClickHouse string literal whose value is exactly `s`. */
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

class ExchangeError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

function checkAuth(req: IncomingMessage, user: string, password: string): void {
  const h = req.headers.authorization ?? '';
  const given = h.startsWith('Basic ') ? Buffer.from(h.slice(6), 'base64').toString('utf8') : 'default:';
  if (given !== `${user}:${password}`)
    throw new ExchangeError(
      401,
      516,
      `Code: 516. DB::Exception: ${given.split(':')[0]}: Authentication failed. (AUTHENTICATION_FAILED)`,
    );
}

export async function serveChdbHttp(opts: {
  dataDir: string;
  port?: number;
  user?: string;
  password?: string;
}): Promise<ChdbHttpServer> {
  const session = new Session(opts.dataDir);
  const stats = { requests: 0, errors: 0 };
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function execute(url: URL, body: string) {
    const sets: string[] = [];
    const resets: string[] = [];
    let format = 'TabSeparated';
    for (const [k, v] of url.searchParams) {
      if (k.startsWith('param_')) {
        if (!IDENT.test(k))
          throw new ExchangeError(400, 36, `Code: 36. DB::Exception: bad parameter name. (BAD_ARGUMENTS)`);
        // The client sends values in ClickHouse's escaped text form; the engine parses them per type.
        sets.push(`${k} = ${literal(v)}`);
      } else if (k === 'default_format') format = v;
      else if (!PROTOCOL.has(k) && !HTTP_LAYER.has(k)) {
        if (!IDENT.test(k))
          throw new ExchangeError(400, 115, `Code: 115. DB::Exception: bad setting name. (UNKNOWN_SETTING)`);
        sets.push(`${k} = ${literal(v)}`);
        resets.push(`${k} = DEFAULT`);
      }
    }
    const db = url.searchParams.get('database');
    if (db !== null && !IDENT.test(db))
      throw new ExchangeError(400, 81, `Code: 81. DB::Exception: bad database name. (UNKNOWN_DATABASE)`);
    const query = url.searchParams.get('query');
    const sql = query !== null ? (body ? `${query}\n${body}` : query) : body;
    if (!sql.trim()) throw new ExchangeError(400, 62, 'Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)');
    return exclusive(async () => {
      try {
        if (db) await session.queryAsync(`USE ${db}`);
        if (sets.length) await session.queryAsync(`SET ${sets.join(', ')}`);
        return await session.queryAsync(sql, { format });
      } finally {
        if (resets.length) await session.queryAsync(`SET ${resets.join(', ')}`).catch(() => undefined);
        if (db) await session.queryAsync('USE default').catch(() => undefined);
      }
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const queryId = url.searchParams.get('query_id') ?? randomUUID();
    try {
      if (url.pathname === '/ping') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8' }).end('Ok.\n');
        return;
      }
      checkAuth(req, opts.user ?? 'default', opts.password ?? '');
      const body = req.method === 'POST' ? await readBody(req) : '';
      const started = process.hrtime.bigint();
      const r = await execute(url, body);
      let out = Buffer.from(r.bytes());
      const headers: Record<string, string> = {
        'content-type': 'text/plain; charset=UTF-8',
        'x-clickhouse-query-id': queryId,
        'x-clickhouse-summary': JSON.stringify({
          read_rows: String(r.rowsRead),
          read_bytes: String(r.bytesRead),
          written_rows: '0',
          written_bytes: '0',
          total_rows_to_read: '0',
          result_rows: String(r.rowsRead),
          result_bytes: String(out.length),
          elapsed_ns: String(process.hrtime.bigint() - started),
        }),
      };
      if (
        url.searchParams.get('enable_http_compression') === '1' &&
        /gzip/.test(String(req.headers['accept-encoding']))
      ) {
        out = gzipSync(out);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers).end(out);
    } catch (e) {
      stats.errors++;
      const message = (e as Error).message;
      const code = e instanceof ExchangeError ? e.code : Number(/^Code: (\d+)\./.exec(message)?.[1] ?? 1002);
      res
        .writeHead(e instanceof ExchangeError ? e.status : 500, {
          'content-type': 'text/plain; charset=UTF-8',
          'x-clickhouse-query-id': queryId,
          'x-clickhouse-exception-code': String(code),
        })
        .end(message.endsWith('\n') ? message : `${message}\n`);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await queue;
      session.close();
    },
  };
}
