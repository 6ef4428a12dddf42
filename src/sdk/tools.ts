import { inSpan, traceFields } from './context.js';
import type { SdkCore } from './core.js';

type Approval = 'approved' | 'denied' | 'not_required' | 'missing' | 'pending';

export interface TraceToolOptions<A extends unknown[]> {
  /** The approval state of this call, or how to find it from the arguments. */
  approval?: Approval | ((...args: A) => Approval | Promise<Approval>);
}

function stringify(v: unknown): string | undefined {
  try {
    return typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    return undefined;
  }
}

/**
 * Wraps an agent action: every call records a `tool.call` with its parameters (content tier),
 * result status, duration and approval state. A denied approval is recorded and the tool is not
 * run. Errors are recorded and rethrown unchanged.
 */
export function traceTool<A extends unknown[], R>(
  core: SdkCore,
  name: string,
  fn: (...args: A) => R | Promise<R>,
  opts: TraceToolOptions<A> = {},
) {
  return (...args: A): Promise<Awaited<R>> =>
    inSpan(async (span, parent): Promise<Awaited<R>> => {
      const started = performance.now();
      const ts = new Date().toISOString();
      const approval = typeof opts.approval === 'function' ? await opts.approval(...args) : opts.approval;
      const record = (result_status: 'ok' | 'error' | 'denied', result?: unknown) =>
        core.record({
          ts,
          kind: 'tool.call',
          source: 'sdk',
          caller: core.caller,
          status: result_status === 'ok' ? 'ok' : result_status === 'denied' ? 'denied' : 'error',
          ...traceFields(span, parent),
          tool: {
            name: name.slice(0, 512),
            result_status,
            ...(approval ? { approval_status: approval } : {}),
            duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
          },
          content: core.content
            ? {
                tool_parameters: stringify(args.length === 1 ? args[0] : args),
                ...(result !== undefined ? { tool_result: stringify(result) } : {}),
              }
            : undefined,
        });
      if (approval === 'denied') {
        record('denied');
        throw new Error(`tool ${name} was not approved`);
      }
      try {
        const out = await fn(...args);
        record('ok', out);
        return out;
      } catch (e) {
        record('error');
        throw e;
      }
    });
}

export interface RetrievedDocument {
  id: string;
  score?: number;
  content?: string;
  /** False when the caller may not see this document (it is recorded as an access denial). */
  allowed?: boolean;
}

/**
 * Wraps a retriever returning documents: records a `retrieval` with document ids, similarity
 * scores, the source and the access decision; document text goes to the content tier.
 */
export function traceRetrieval<A extends unknown[], D extends RetrievedDocument>(
  core: SdkCore,
  fn: (...args: A) => D[] | Promise<D[]>,
  opts: { source?: string; user?: (...args: A) => string | undefined } = {},
) {
  return (...args: A): Promise<D[]> =>
    inSpan(async (span, parent) => {
      const started = performance.now();
      const ts = new Date().toISOString();
      try {
        const docs = await fn(...args);
        const denied = docs.some((d) => d.allowed === false);
        const scores = docs.map((d) => d.score).filter((s): s is number => typeof s === 'number');
        core.record({
          ts,
          kind: 'retrieval',
          source: 'sdk',
          caller: core.caller,
          status: 'ok',
          latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
          ...traceFields(span, parent),
          retrieval: {
            document_ids: docs.slice(0, 256).map((d) => String(d.id).slice(0, 512)),
            ...(scores.length ? { similarity: scores.slice(0, 256) } : {}),
            ...(opts.source ? { source: opts.source } : {}),
            ...(opts.user ? { user: opts.user(...args) } : {}),
            access_decision: denied ? 'denied' : 'allowed',
          },
          content: core.content
            ? {
                query: stringify(args[0])?.slice(0, 100_000),
                snippets: docs
                  .filter((d) => d.content)
                  .slice(0, 256)
                  .map((d) => d.content!.slice(0, 100_000)),
              }
            : undefined,
        });
        return docs;
      } catch (e) {
        core.record({
          ts,
          kind: 'retrieval',
          source: 'sdk',
          caller: core.caller,
          status: 'error',
          ...traceFields(span, parent),
          retrieval: { ...(opts.source ? { source: opts.source } : {}) },
        });
        throw e;
      }
    });
}

/**
 * Wraps a classic model's predict function: records a `prediction` with the class, its confidence
 * and the entropy of the output distribution (for distribution-shift rules).
 */
export function instrument<A extends unknown[]>(
  core: SdkCore,
  fn: (
    ...args: A
  ) =>
    | { label: string; probabilities?: Record<string, number>; confidence?: number }
    | Promise<{ label: string; probabilities?: Record<string, number>; confidence?: number }>,
  opts: { model: string },
) {
  return (...args: A) =>
    inSpan(async (span, parent) => {
      const started = performance.now();
      const out = await fn(...args);
      const probs = Object.values(out.probabilities ?? {}).filter((p) => p > 0);
      const entropy = probs.length ? -probs.reduce((h, p) => h + p * Math.log2(p), 0) : undefined;
      core.record({
        kind: 'prediction',
        source: 'sdk',
        caller: core.caller,
        model: opts.model,
        status: 'ok',
        latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
        ...traceFields(span, parent),
        prediction: {
          class: String(out.label).slice(0, 512),
          ...((out.confidence ?? out.probabilities?.[out.label]) !== undefined
            ? { confidence: Math.min(1, Math.max(0, (out.confidence ?? out.probabilities?.[out.label])!)) }
            : {}),
          ...(entropy !== undefined ? { entropy: Math.round(entropy * 10000) / 10000 } : {}),
        },
      });
      return out;
    });
}
