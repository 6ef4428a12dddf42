import type { UpstreamConfig } from '../../config/gateway-schema.js';
import type { TextField } from '../../detect/types.js';
import type { EventContent } from '../../events/schema.js';
import type { Dialect } from '../errors.js';

export type Json = Record<string, unknown>;

/** One piece of text inside a request or response body, with a way to replace it (redaction). */
export interface TextSlot {
  field: TextField;
  role?: string;
  text: string;
  set(value: string): void;
}

export interface Usage {
  input?: number;
  output?: number;
}

/** Follows a provider's stream, one SSE event at a time, assembling text and usage. */
export interface StreamAccumulator {
  push(data: string, event: string | undefined): void;
  readonly text: string;
  readonly usage: Usage;
  readonly finish: string | undefined;
}

/** Everything the gateway needs to know about one provider endpoint. */
export interface Adapter {
  operation: string;
  dialect: Dialect;
  /** Upstream kinds that speak this endpoint. */
  kinds: readonly UpstreamConfig['kind'][];
  /** Path on the upstream, OpenAI style (`/chat/completions`) or Anthropic (`/messages`). */
  path: string;
  /** Request-side problems that make the body unusable, or undefined. */
  invalid(body: Json): string | undefined;
  model(body: Json): string | undefined;
  stream(body: Json): boolean;
  /** Texts the caller sends (user turns, tool results, system prompt), for detection and redaction. */
  requestSlots(body: Json): TextSlot[];
  addSystemText(body: Json, text: string): void;
  /** Ask the provider for usage in the stream where that needs asking. */
  prepareStream?(body: Json): void;
  responseSlots(json: Json): TextSlot[];
  usage(json: Json): Usage;
  finish(json: Json): string | undefined;
  accumulator(): StreamAccumulator;
  /** The request's content for the content tier (before redaction; the pipeline redacts). */
  content(body: Json): EventContent;
}

export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v))
    return v
      .map((p) =>
        p && typeof p === 'object' && typeof (p as Json).text === 'string'
          ? ((p as Json).text as string)
          : '',
      )
      .filter(Boolean)
      .join('\n');
  return '';
}

/** A slot over `holder[key]`, where the value is a string or an array of `{type:'text', text}` parts. */
export function slotsFor(holder: Json, key: string, field: TextField, role?: string): TextSlot[] {
  const v = holder[key];
  if (typeof v === 'string') return [{ field, role, text: v, set: (s) => (holder[key] = s) }];
  if (Array.isArray(v))
    return v.flatMap((p) =>
      p && typeof p === 'object' && typeof (p as Json).text === 'string'
        ? [{ field, role, text: (p as Json).text as string, set: (s: string) => ((p as Json).text = s) }]
        : [],
    );
  return [];
}

export interface StreamState {
  text: string;
  usage: Usage;
  finish?: string;
}

/** A stream accumulator from one function that folds a parsed SSE event into the running state. */
export function foldingAccumulator(
  fold: (j: Json, event: string | undefined, acc: StreamState) => void,
): StreamAccumulator {
  const acc: StreamState = { text: '', usage: {} };
  return {
    push(data, event) {
      if (data === '[DONE]') return;
      fold(JSON.parse(data) as Json, event, acc);
    },
    get text() {
      return acc.text;
    },
    get usage() {
      return acc.usage;
    },
    get finish() {
      return acc.finish;
    },
  };
}
