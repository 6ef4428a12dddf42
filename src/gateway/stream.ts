import type { ServerContext } from '../server-context.js';
import type { Adapter } from './adapters/types.js';
import type { Finish } from './handler.js';
import type { Exchange } from './http/exchange.js';
import { decide, type resolvePolicy } from './policy.js';
import { SseParser } from './sse.js';
import { estimateTokens } from './tokens.js';
import type { UpstreamReply } from './upstream-client.js';

interface StreamArgs {
  ctx: ServerContext;
  adapter: Adapter;
  ex: Exchange;
  up: UpstreamReply;
  abort: AbortController;
  started: number;
  canary: string | undefined;
  systemPrompt: string | undefined;
  policy: ReturnType<typeof resolvePolicy>['policy'];
  finish: Finish;
  promptTokens: number;
}

/**
 * Passes the provider's SSE stream to the caller chunk by chunk (nothing is held back, and the
 * provider is paused while the caller's socket is full), while a parser follows it to assemble the
 * text and usage. At the end the response detectors run and the call is recorded once; a canary
 * seen mid-stream cuts the stream when the policy blocks leakage, and a caller that disconnects
 * aborts the upstream request and is still recorded.
 */
export function streamThrough(a: StreamArgs): void {
  const { res } = a.ex;
  const upstream = a.up.body;
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
      systemPrompt: a.systemPrompt,
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
      responseFindings: found,
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

  const ct = a.up.headers['content-type'];
  res.writeHead(a.up.status, {
    'content-type': (Array.isArray(ct) ? ct[0] : ct) ?? 'text/event-stream',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();

  upstream.on('data', (chunk: Buffer) => {
    if (done) return;
    ttft ??= performance.now() - a.started;
    parser.feed(decoder.decode(chunk, { stream: true }));
    // Only the new tail (plus a canary's length of overlap) is searched each time.
    const seen =
      a.canary && blockLeaks ? acc.text.indexOf(a.canary, Math.max(0, checkedUpTo - a.canary.length)) : -1;
    checkedUpTo = acc.text.length;
    if (seen >= 0) {
      a.abort.abort();
      complete('ok', undefined, true);
      res.end(
        `data: ${JSON.stringify({ error: { message: 'response stopped by the content filter', type: 'content_filter', code: 'content_filter' } })}\n\n`,
      );
      return;
    }
    if (!res.write(chunk)) {
      upstream.pause();
      res.once('drain', () => upstream.resume());
    }
  });
  upstream.on('end', () => {
    if (done) return;
    complete('ok');
    res.end();
  });
  const failed = () => {
    if (done) return;
    complete('error', a.abort.signal.aborted ? 'client_disconnect' : 'upstream_stream_error');
    // The caller must see a broken stream, not a clean end that looks complete.
    res.destroy();
  };
  upstream.on('error', failed);
  upstream.on('close', () => {
    if (!upstream.complete) failed();
  });
  res.on('close', () => {
    if (done) return;
    // The caller went away: stop paying for tokens nobody reads, and keep the record.
    a.abort.abort();
    upstream.destroy();
    complete('error', 'client_disconnect');
  });
}
