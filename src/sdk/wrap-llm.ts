import { openAiUsage } from '../gateway/adapters/openai-chat.js';
import { inSpan, traceFields } from './context.js';
import type { SdkCore } from './core.js';

type Json = Record<string, unknown>;
type Usage = { input?: number; output?: number };

const textOf = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : Array.isArray(v)
      ? v.map((p) => (p && typeof p === 'object' ? String((p as Json).text ?? '') : '')).join('\n')
      : '';

interface Dialect {
  provider: string;
  operation: string;
  prompts(params: Json): { role: string; content: string }[];
  responseText(result: Json): string;
  usage(result: Json): Usage;
  finish(result: Json): string | undefined;
  /** Folds one stream chunk into the running text and usage. */
  chunk(c: Json, acc: { text: string; usage: Usage; finish?: string }): void;
}

/**
 * Wraps one SDK method (e.g. `chat.completions.create`): the call goes through unchanged and the
 * very promise the SDK returned is handed back (its helpers such as `withResponse` keep working);
 * recording hangs off it. For streams, the iterator of the same stream object is wrapped so the
 * text is assembled as the caller reads it, and the event is recorded when the stream ends.
 */
export function wrapMethod(core: SdkCore, target: Json, method: string, d: Dialect): void {
  const original = target[method] as ((...a: unknown[]) => unknown) | undefined;
  if (typeof original !== 'function') return;
  target[method] = function wrapped(this: unknown, ...args: unknown[]) {
    const params = (args[0] ?? {}) as Json;
    const prompts = d.prompts(params);
    if (core.guard) core.guard(prompts.filter((p) => p.role !== 'assistant').map((p) => p.content));
    return inSpan((span, parent) => {
      const started = performance.now();
      const ts = new Date().toISOString();
      const base = {
        ts,
        kind: 'llm.call',
        source: 'sdk',
        provider: d.provider,
        model: typeof params.model === 'string' ? params.model : undefined,
        ...traceFields(span, parent),
      };
      const record = (r: {
        status: 'ok' | 'error';
        text?: string;
        usage?: Usage;
        finish?: string;
        ttft?: number;
        error?: string;
      }) =>
        core.record({
          ...base,
          status: r.status,
          ...(r.error ? { error_code: r.error } : {}),
          latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
          llm: {
            operation: d.operation,
            stream: params.stream === true,
            input_tokens: r.usage?.input,
            output_tokens: r.usage?.output,
            ttft_ms: r.ttft === undefined ? undefined : Math.round(r.ttft * 1000) / 1000,
            finish_reason: r.finish,
          },
          content: core.content ? { messages: prompts, ...(r.text ? { response: r.text } : {}) } : undefined,
        });
      const result = original.apply(this, args) as Promise<unknown> & Json;
      if (!result || typeof result.then !== 'function') return result;
      result.then(
        (value) => {
          const v = value as Json;
          if (
            params.stream === true &&
            v &&
            typeof (v as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
          ) {
            const iterable = v as unknown as { [Symbol.asyncIterator](): AsyncIterator<Json> };
            const inner = iterable[Symbol.asyncIterator].bind(iterable);
            const acc: { text: string; usage: Usage; finish?: string } = { text: '', usage: {} };
            iterable[Symbol.asyncIterator] = async function* () {
              let ttft: number | undefined;
              try {
                const it = inner();
                for (;;) {
                  const n = await it.next();
                  if (n.done) break;
                  ttft ??= performance.now() - started;
                  try {
                    d.chunk(n.value, acc);
                  } catch {
                    // bookkeeping only
                  }
                  yield n.value;
                }
                record({ status: 'ok', text: acc.text, usage: acc.usage, finish: acc.finish, ttft });
              } catch (e) {
                record({
                  status: 'error',
                  text: acc.text,
                  usage: acc.usage,
                  error: e instanceof Error ? e.name : 'stream_error',
                  ttft,
                });
                throw e;
              }
            } as (typeof iterable)[typeof Symbol.asyncIterator];
          } else if (v && typeof v === 'object') {
            record({ status: 'ok', text: d.responseText(v), usage: d.usage(v), finish: d.finish(v) });
          }
        },
        (e: unknown) => record({ status: 'error', error: e instanceof Error ? e.name : 'error' }),
      );
      return result;
    });
  };
}

export const openAiChatDialect: Dialect = {
  provider: 'openai',
  operation: 'chat',
  prompts: (p) =>
    ((Array.isArray(p.messages) ? p.messages : []) as Json[]).map((m) => ({
      role: String(m.role ?? 'user').slice(0, 32),
      content: textOf(m.content),
    })),
  responseText: (r) =>
    ((r.choices as Json[] | undefined) ?? [])
      .map((c) => textOf((c.message as Json | undefined)?.content))
      .join('\n'),
  usage: (r) => openAiUsage(r.usage),
  finish: (r) => ((r.choices as Json[] | undefined)?.[0]?.finish_reason as string | undefined) ?? undefined,
  chunk(c, acc) {
    for (const ch of (c.choices as Json[] | undefined) ?? []) {
      const delta = ch.delta as Json | undefined;
      if (typeof delta?.content === 'string') acc.text += delta.content;
      if (typeof ch.finish_reason === 'string') acc.finish = ch.finish_reason;
    }
    if (c.usage) acc.usage = openAiUsage(c.usage);
  },
};

export const openAiResponsesDialect: Dialect = {
  provider: 'openai',
  operation: 'responses',
  prompts: (p) =>
    typeof p.input === 'string'
      ? [{ role: 'user', content: p.input }]
      : ((Array.isArray(p.input) ? p.input : []) as Json[]).map((m) => ({
          role: String(m.role ?? 'user').slice(0, 32),
          content: textOf(m.content),
        })),
  responseText: (r) => (typeof r.output_text === 'string' ? r.output_text : ''),
  usage: (r) => openAiUsage(r.usage),
  finish: (r) => (typeof r.status === 'string' ? r.status : undefined),
  chunk(c, acc) {
    if (c.type === 'response.output_text.delta' && typeof c.delta === 'string') acc.text += c.delta;
    if (c.type === 'response.completed') {
      const resp = (c.response ?? {}) as Json;
      acc.usage = openAiUsage(resp.usage);
      if (typeof resp.status === 'string') acc.finish = resp.status;
    }
  },
};

export const anthropicDialect: Dialect = {
  provider: 'anthropic',
  operation: 'messages',
  prompts: (p) => [
    ...(p.system ? [{ role: 'system', content: textOf(p.system) }] : []),
    ...((Array.isArray(p.messages) ? p.messages : []) as Json[]).map((m) => ({
      role: String(m.role ?? 'user').slice(0, 32),
      content: textOf(m.content),
    })),
  ],
  responseText: (r) => textOf(r.content),
  usage: (r) => {
    const u = (r.usage ?? {}) as Json;
    return {
      ...(typeof u.input_tokens === 'number' ? { input: u.input_tokens } : {}),
      ...(typeof u.output_tokens === 'number' ? { output: u.output_tokens } : {}),
    };
  },
  finish: (r) => (typeof r.stop_reason === 'string' ? r.stop_reason : undefined),
  chunk(c, acc) {
    if (c.type === 'message_start') {
      const u = ((c.message as Json | undefined)?.usage ?? {}) as Json;
      if (typeof u.input_tokens === 'number') acc.usage.input = u.input_tokens;
    } else if (c.type === 'content_block_delta') {
      const delta = c.delta as Json | undefined;
      if (typeof delta?.text === 'string') acc.text += delta.text;
    } else if (c.type === 'message_delta') {
      const u = (c.usage ?? {}) as Json;
      if (typeof u.output_tokens === 'number') acc.usage.output = u.output_tokens;
      const delta = c.delta as Json | undefined;
      if (typeof delta?.stop_reason === 'string') acc.finish = delta.stop_reason;
    }
  },
};
