/**
 * Sightline SDK: record what your AI application does — model calls, tool calls, retrievals,
 * prompt and control changes, egress — without changing its behaviour. Events are batched and sent
 * to a Sightline server's ingest API; failures never reach your code.
 *
 *   import { createSightline } from 'sightline/sdk';
 *   const sl = createSightline({ url: 'http://127.0.0.1:7600', apiKey: process.env.SIGHTLINE_KEY! });
 *   const openai = sl.wrapOpenAI(new OpenAI());
 */
import { currentSpan, inSpan } from './context.js';
import type { SdkCore } from './core.js';
import { Exporter, type ExporterOptions } from './exporter.js';
import { guardPrompt } from './guard.js';
import {
  instrument,
  traceRetrieval,
  traceTool,
  type RetrievedDocument,
  type TraceToolOptions,
} from './tools.js';
import { anthropicDialect, openAiChatDialect, openAiResponsesDialect, wrapMethod } from './wrap-llm.js';

export { SightlineBlockedError } from './guard.js';
export type { RetrievedDocument, TraceToolOptions } from './tools.js';

export interface SightlineOptions extends ExporterOptions {
  /** Application or user identity recorded as the caller. */
  caller?: string;
  /** Send prompt/response text for the content tier (default true; the server decides storage). */
  content?: boolean;
  /** Run the detectors locally before each model call and throw when the prompt is an attack. */
  guard?: { threshold?: number };
}

type Json = Record<string, unknown>;

export function createSightline(opts: SightlineOptions) {
  const exporter = new Exporter(opts);
  const core: SdkCore = {
    exporter,
    caller: opts.caller,
    content: opts.content ?? true,
    record: (e) => exporter.record(opts.caller && e.caller === undefined ? { ...e, caller: opts.caller } : e),
    ...(opts.guard ? { guard: (texts: string[]) => guardPrompt(texts, opts.guard?.threshold ?? 0.5) } : {}),
  };
  const simple =
    (kind: string, detailKey: string) =>
    (details: Json, extra: Json = {}) => {
      const span = currentSpan();
      exporter.record({
        kind,
        source: 'sdk',
        caller: opts.caller,
        ...(span ? { trace_id: span.traceId, parent_span_id: span.spanId } : {}),
        ...extra,
        [detailKey]: details,
      });
    };
  return {
    /** Records every `chat.completions.create` and `responses.create` call of this client. */
    wrapOpenAI<T extends object>(client: T): T {
      const c = client as unknown as { chat?: { completions?: Json }; responses?: Json };
      if (c.chat?.completions) wrapMethod(core, c.chat.completions, 'create', openAiChatDialect);
      if (c.responses) wrapMethod(core, c.responses, 'create', openAiResponsesDialect);
      return client;
    },
    /** Records every `messages.create` call of this client (plain and `stream: true`). */
    wrapAnthropic<T extends object>(client: T): T {
      const c = client as unknown as { messages?: Json };
      if (c.messages) wrapMethod(core, c.messages, 'create', anthropicDialect);
      return client;
    },
    traceTool: <A extends unknown[], R>(
      name: string,
      fn: (...args: A) => R | Promise<R>,
      o?: TraceToolOptions<A>,
    ) => traceTool(core, name, fn, o),
    traceRetrieval: <A extends unknown[], D extends RetrievedDocument>(
      fn: (...args: A) => D[] | Promise<D[]>,
      o?: { source?: string; user?: (...args: A) => string | undefined },
    ) => traceRetrieval(core, fn, o),
    instrument: <A extends unknown[]>(fn: Parameters<typeof instrument<A>>[1], o: { model: string }) =>
      instrument(core, fn, o),
    /** Runs `fn` as one traced interaction: everything recorded inside shares its trace id. */
    trace: <T>(fn: () => T): T => inSpan(() => fn()),
    recordPromptChange: simple('prompt.change', 'prompt_change'),
    recordControlEvent: simple('control', 'control'),
    recordEgress: simple('egress', 'egress'),
    currentTrace: () => currentSpan()?.traceId,
    stats: () => ({ ...exporter.stats }),
    flush: () => exporter.flush(),
    shutdown: () => exporter.shutdown(),
  };
}

export type Sightline = ReturnType<typeof createSightline>;
