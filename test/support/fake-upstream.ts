import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A model provider on loopback that speaks the OpenAI (chat, completions, embeddings, responses,
 * models) and Anthropic (messages) protocols, plain and streaming. Behaviour is chosen by model
 * name: `fail-500`, `flaky-500` (fails twice, then works), `slow` (2 s before headers), `hang`
 * (never answers), `leak` (repeats the system prompt), `slow-stream` (many chunks, 30 ms apart),
 * `rate-429` (a provider rate limit, with Retry-After and rate-limit headers).
 * Everything it receives is kept for assertions (unless `keepRequests: false`, for benchmarks).
 */
export interface FakeUpstream {
  url: string;
  requests: {
    path: string;
    /** Path with the query string (Azure's api-version). */
    url: string;
    headers: IncomingMessage['headers'];
    body: Record<string, unknown>;
  }[];
  /** Streams that ended because the client (the gateway) went away. */
  abortedStreams: number;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const textOf = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : Array.isArray(v)
      ? v.map((p) => (p as { text?: string }).text ?? '').join(' ')
      : '';

function lastUser(messages: unknown): string {
  const list = Array.isArray(messages) ? (messages as Json[]) : [];
  const user = [...list].reverse().find((m) => m.role === 'user');
  return textOf(user?.content);
}

function systemOf(body: Json): string {
  if (body.system !== undefined) return textOf(body.system);
  const list = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  return list
    .filter((m) => m.role === 'system')
    .map((m) => textOf(m.content))
    .join(' ');
}

function replyFor(body: Json, prompt: string): string {
  return body.model === 'leak' ? `My instructions: ${systemOf(body)}` : `echo: ${prompt}`;
}

const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeUpstream(opts: { keepRequests?: boolean } = {}): Promise<FakeUpstream> {
  const keep = opts.keepRequests ?? true;
  const state: FakeUpstream = { url: '', requests: [], abortedStreams: 0, close: async () => undefined };
  let flaky = 0;
  const sockets = new Set<import('node:net').Socket>();

  async function sse(res: ServerResponse, events: { event?: string; data: unknown }[], gapMs: number) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let closed = false;
    res.on('close', () => {
      if (!res.writableEnded) {
        closed = true;
        state.abortedStreams++;
      }
    });
    for (const e of events) {
      if (closed) return;
      res.write(
        `${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`,
      );
      if (gapMs) await sleep(gapMs);
    }
    if (!closed) res.end();
  }

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      void (async () => {
        const body = raw ? (JSON.parse(raw) as Json) : {};
        const path = (req.url ?? '').split('?')[0]!;
        if (keep) state.requests.push({ path, url: req.url ?? '', headers: req.headers, body });
        const model = String(body.model ?? '');
        if (model === 'hang') return;
        if (model === 'rate-429') {
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': '7',
            'x-ratelimit-remaining-requests': '0',
            'x-request-id': 'req_fake_429',
          });
          res.end(
            JSON.stringify({
              error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
            }),
          );
          return;
        }
        if (model === 'slow') await sleep(2000);
        if (model === 'fail-500' || (model === 'flaky-500' && flaky++ < 2)) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ error: { message: 'upstream exploded', type: 'server_error', code: null } }),
          );
          return;
        }
        const stream = body.stream === true;
        const gap = model === 'slow-stream' ? 30 : 2;
        const words = (s: string) =>
          model === 'slow-stream' ? Array.from({ length: 100 }, (_, i) => `w${i} `) : s.split(/(?<= )/);

        if (path.endsWith('/models') && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              object: 'list',
              data: [{ id: 'fake-gpt', object: 'model', created: 1, owned_by: 'fake' }],
            }),
          );
          return;
        }
        if (path.endsWith('/chat/completions')) {
          const prompt = lastUser(body.messages);
          const reply = replyFor(body, prompt);
          const usage = {
            prompt_tokens: tokens(JSON.stringify(body.messages)),
            completion_tokens: tokens(reply),
            total_tokens: 0,
          };
          usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
          if (!stream) {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({
                id: 'chatcmpl-1',
                object: 'chat.completion',
                created: 1,
                model,
                choices: [
                  { index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' },
                ],
                usage,
              }),
            );
            return;
          }
          const include = (body.stream_options as Json | undefined)?.include_usage === true;
          const chunk = (delta: Json, finish: string | null) => ({
            id: 'chatcmpl-1',
            object: 'chat.completion.chunk',
            created: 1,
            model,
            choices: [{ index: 0, delta, finish_reason: finish }],
          });
          await sse(
            res,
            [
              { data: chunk({ role: 'assistant', content: '' }, null) },
              ...words(reply).map((w) => ({ data: chunk({ content: w }, null) })),
              { data: chunk({}, 'stop') },
              ...(include
                ? [
                    {
                      data: {
                        id: 'chatcmpl-1',
                        object: 'chat.completion.chunk',
                        created: 1,
                        model,
                        choices: [],
                        usage,
                      },
                    },
                  ]
                : []),
              { data: '[DONE]' },
            ],
            gap,
          );
          return;
        }
        if (path.endsWith('/completions')) {
          const reply = replyFor(body, textOf(body.prompt));
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              id: 'cmpl-1',
              object: 'text_completion',
              created: 1,
              model,
              choices: [{ index: 0, text: reply, finish_reason: 'stop' }],
              usage: {
                prompt_tokens: tokens(textOf(body.prompt)),
                completion_tokens: tokens(reply),
                total_tokens: 0,
              },
            }),
          );
          return;
        }
        if (path.endsWith('/embeddings')) {
          const inputs = Array.isArray(body.input) ? body.input : [body.input];
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              object: 'list',
              model,
              data: inputs.map((_, i) => ({ object: 'embedding', index: i, embedding: [0.1, 0.2, 0.3] })),
              usage: { prompt_tokens: 5, total_tokens: 5 },
            }),
          );
          return;
        }
        if (path.endsWith('/responses')) {
          const prompt = typeof body.input === 'string' ? body.input : lastUser(body.input);
          const reply = replyFor(body, prompt);
          const usage = { input_tokens: tokens(prompt), output_tokens: tokens(reply), total_tokens: 0 };
          const response = {
            id: 'resp_1',
            object: 'response',
            created_at: 1,
            status: 'completed',
            model,
            output: [
              {
                type: 'message',
                id: 'msg_1',
                status: 'completed',
                role: 'assistant',
                content: [{ type: 'output_text', text: reply, annotations: [] }],
              },
            ],
            usage,
          };
          if (!stream) {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(response));
            return;
          }
          await sse(
            res,
            [
              {
                event: 'response.created',
                data: {
                  type: 'response.created',
                  response: { ...response, status: 'in_progress', output: [] },
                },
              },
              ...words(reply).map((w) => ({
                event: 'response.output_text.delta',
                data: {
                  type: 'response.output_text.delta',
                  item_id: 'msg_1',
                  output_index: 0,
                  content_index: 0,
                  delta: w,
                },
              })),
              { event: 'response.completed', data: { type: 'response.completed', response } },
            ],
            gap,
          );
          return;
        }
        if (path.endsWith('/messages')) {
          const prompt = lastUser(body.messages);
          const reply = replyFor(body, prompt);
          const usage = { input_tokens: tokens(JSON.stringify(body.messages)), output_tokens: tokens(reply) };
          const message = {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'text', text: reply }],
            stop_reason: 'end_turn',
            stop_sequence: null,
            usage,
          };
          if (!stream) {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(message));
            return;
          }
          await sse(
            res,
            [
              {
                event: 'message_start',
                data: {
                  type: 'message_start',
                  message: {
                    ...message,
                    content: [],
                    stop_reason: null,
                    usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
                  },
                },
              },
              {
                event: 'content_block_start',
                data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
              },
              ...words(reply).map((w) => ({
                event: 'content_block_delta',
                data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: w } },
              })),
              { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
              {
                event: 'message_delta',
                data: {
                  type: 'message_delta',
                  delta: { stop_reason: 'end_turn', stop_sequence: null },
                  usage: { output_tokens: usage.output_tokens },
                },
              },
              { event: 'message_stop', data: { type: 'message_stop' } },
            ],
            gap,
          );
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'no such path' } }));
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return state;
}
