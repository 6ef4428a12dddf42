import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

export interface SpanContext {
  traceId: string;
  spanId: string;
}

const storage = new AsyncLocalStorage<SpanContext>();

export const newTraceId = () => randomBytes(16).toString('hex');
export const newSpanId = () => randomBytes(8).toString('hex');

export function currentSpan(): SpanContext | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` as a new span, a child of the current one (or the root of a new trace): every event
 * recorded inside carries the trace id and its parent, so the trace view can rebuild the steps.
 */
export function inSpan<T>(fn: (span: SpanContext, parent: SpanContext | undefined) => T): T {
  const parent = storage.getStore();
  const span = { traceId: parent?.traceId ?? newTraceId(), spanId: newSpanId() };
  return storage.run(span, () => fn(span, parent));
}

export function traceFields(span: SpanContext, parent: SpanContext | undefined) {
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    ...(parent ? { parent_span_id: parent.spanId } : {}),
  };
}
