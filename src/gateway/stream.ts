import type { UpstreamConfig } from '../config/gateway-schema.js';
import type { ServerContext } from '../server-context.js';
import type { Adapter } from './adapters/types.js';
import type { Finish } from './handler.js';
import { decide, type resolvePolicy } from './policy.js';
import { SseParser } from './sse.js';
import { estimateTokens } from './tokens.js';

interface StreamArgs {
  ctx: ServerContext;
  adapter: Adapter;
  upstream: UpstreamConfig;
  res: Response;
  abort: AbortController;
  started: number;
  canary: string | undefined;
  policy: ReturnType<typeof resolvePolicy>['policy'];
  finish: Finish;
  promptTokens: number;
}

/**
 * Passes the provider's SSE stream to the caller chunk by chunk (nothing is held back), while a
 * parser follows it to assemble the text and usage. At the end the response detectors run and the
 * call is recorded once; a canary seen mid-stream cuts the stream when the policy blocks leakage,
 * and a caller that disconnects aborts the upstream request and is still recorded.
 */
export function streamThrough(a: StreamArgs): Response {
  const reader = a.res.body!.getReader();
  const decoder = new TextDecoder();
  const acc = a.adapter.accumulator();
  let parseFailed = false;
  const parser = new SseParser((data, event) => {
    try {
      acc.push(data, event);
    } catch {
      parseFailed = true; // an unparseable event is passed through; only our bookkeeping skips it
    }
  });
  let ttft: number | undefined;
  let done = false;
  let checkedUpTo = 0;
  const blockLeaks = a.policy.response.leakage?.action === 'block';

  const complete = (status: 'ok' | 'error', errorCode?: string, cutByCanary = false) => {
    if (done) return;
    done = true;
    parser.end();
    const text = acc.text;
    const found = a.ctx.detectors.run(text, {
      field: 'response',
      canaries: a.canary ? [a.canary] : undefined,
      allowedDomains: a.ctx.config.detection.leakage.allowed_domains,
    });
    const output = decide(found, a.policy.response);
    // Already delivered: a block or redact decision on a stream can only be recorded (as flag),
    // except a canary cut off mid-stream.
    const action = cutByCanary ? 'block' : output.action === 'allow' ? 'allow' : 'flag';
    a.finish({
      status,
      errorCode: errorCode ?? (parseFailed ? 'stream_unparsed_events' : undefined),
      ttftMs: ttft,
      inputTokens: acc.usage.input ?? a.promptTokens,
      outputTokens: acc.usage.output ?? estimateTokens(text),
      tokensEstimated: acc.usage.input === undefined || acc.usage.output === undefined,
      finishReason: cutByCanary
        ? 'content_filter'
        : (acc.finish ?? (status === 'ok' ? undefined : errorCode)),
      responseText: text,
      output:
        action === 'allow'
          ? undefined
          : {
              stage: 'output',
              action,
              categories: output.families.length ? output.families : ['leakage'],
              confidence: output.confidence || 1,
            },
    });
  };

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done: ended } = await reader.read();
        if (ended) {
          complete('ok');
          controller.close();
          return;
        }
        ttft ??= performance.now() - a.started;
        parser.feed(decoder.decode(value, { stream: true }));
        // Only the new tail (plus a canary's length of overlap) is searched each time.
        const seen =
          a.canary && blockLeaks
            ? acc.text.indexOf(a.canary, Math.max(0, checkedUpTo - a.canary.length))
            : -1;
        checkedUpTo = acc.text.length;
        if (seen >= 0) {
          a.abort.abort();
          complete('ok', undefined, true);
          controller.enqueue(
            new TextEncoder().encode(
              `data: ${JSON.stringify({ error: { message: 'response stopped by the content filter', type: 'content_filter', code: 'content_filter' } })}\n\n`,
            ),
          );
          controller.close();
          return;
        }
        controller.enqueue(value);
      } catch {
        complete('error', a.abort.signal.aborted ? 'client_disconnect' : 'upstream_stream_error');
        controller.error(new Error('upstream stream failed'));
      }
    },
    cancel() {
      // The caller went away: stop paying for tokens nobody reads, and keep the record.
      a.abort.abort();
      reader.cancel().catch(() => undefined);
      complete('error', 'client_disconnect');
    },
  });
  return new Response(body, {
    status: a.res.status,
    headers: {
      'content-type': a.res.headers.get('content-type') ?? 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    },
  });
}
