import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceNode } from '../../src/api/routes/traces.js';
import type { SightlineEvent } from '../../src/events/schema.js';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream.js';
import { api, startTestServer, type TestServer } from '../support/server.js';

/**
 * The real OpenTelemetry Node SDK and the Traceloop OpenAI instrumentation, exporting over
 * OTLP/HTTP in JSON to one Sightline and in protobuf to another; a small RAG agent produces the
 * trace (retrieval, model call, tool, database) and each server must give it back in order.
 */
describe('OTLP receiver with the OpenTelemetry SDK', () => {
  let up: FakeUpstream;
  const servers: Record<'json' | 'protobuf', { s: TestServer; ingest: string; analyst: string }> =
    {} as never;
  let provider: NodeTracerProvider;
  let traceId = '';

  beforeAll(async () => {
    up = await startFakeUpstream();
    for (const enc of ['json', 'protobuf'] as const) {
      const s = await startTestServer({ content_logging: { enabled: true } });
      servers[enc] = { s, ingest: s.key('ingest', `otel-${enc}`), analyst: s.key('analyst', 'sec-olga') };
    }
    provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'rag-agent' }),
      spanProcessors: [
        new SimpleSpanProcessor(
          new JsonTraceExporter({
            url: `${servers.json.s.url}/v1/traces`,
            headers: { authorization: `Bearer ${servers.json.ingest}` },
          }),
        ),
        new SimpleSpanProcessor(
          new ProtoTraceExporter({
            url: `${servers.protobuf.s.url}/v1/traces`,
            headers: { authorization: `Bearer ${servers.protobuf.ingest}` },
          }),
        ),
      ],
    });
    provider.register();
    const instrumentation = new OpenAIInstrumentation({ traceContent: true });
    instrumentation.setTracerProvider(provider);
    instrumentation.manuallyInstrument(OpenAI);

    const openai = new OpenAI({ apiKey: 'sk-test-not-real', baseURL: `${up.url}/v1`, maxRetries: 0 });
    const tracer = trace.getTracer('rag-agent');
    await tracer.startActiveSpan('rag-agent.answer', async (root) => {
      traceId = root.spanContext().traceId;
      tracer.startActiveSpan('vector-search', (span) => {
        span.setAttributes({
          'openinference.span.kind': 'RETRIEVER',
          'input.value': 'refund policy for enterprise customers',
          'retrieval.documents.0.document.id': 'kb-17',
          'retrieval.documents.0.document.score': 0.91,
          'retrieval.documents.0.document.content': 'Enterprise refunds are prorated.',
          'retrieval.documents.1.document.id': 'kb-4',
          'retrieval.documents.1.document.score': 0.72,
          'retrieval.documents.1.document.content': 'Refunds take five days.',
        });
        span.end();
      });
      await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Answer from the documents.' },
          { role: 'user', content: 'How are enterprise refunds handled?' },
        ],
      });
      await new Promise((r) => setTimeout(r, 5));
      tracer.startActiveSpan('execute_tool create_ticket', (span) => {
        span.setAttributes({
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'create_ticket',
          'gen_ai.tool.call.arguments': '{"customer":"acme","topic":"refund"}',
          'tool.approval_status': 'approved',
        });
        span.end();
      });
      await new Promise((r) => setTimeout(r, 5));
      tracer.startActiveSpan('INSERT tickets', (span) => {
        span.setAttributes({
          'db.system': 'postgresql',
          'server.address': 'db.internal',
          'db.statement': 'INSERT INTO tickets VALUES ($1)',
        });
        span.end();
      });
      root.end();
    });
    await provider.forceFlush();
  });

  afterAll(async () => {
    await provider.shutdown();
    await up.close();
    for (const { s } of Object.values(servers)) await s.close();
  });

  for (const enc of ['json', 'protobuf'] as const) {
    it(`reconstructs the trace sent as ${enc}, steps in order, content only for the analyst`, async () => {
      const { s, analyst } = servers[enc];
      await s.ctx.ingestor.flush();
      const res = await api(s, `/v1/traces/${traceId}?include=content`, { key: analyst });
      expect(res.status).toBe(200);
      const body = res.body as {
        events: (SightlineEvent & { content?: { messages?: { content: string }[]; snippets?: string[] } })[];
        tree: TraceNode[];
      };
      expect(body.events.map((e) => e.kind)).toEqual(['retrieval', 'llm.call', 'tool.call', 'egress']);
      const [retrieval, llm, tool, egress] = body.events;
      expect(retrieval!.retrieval).toMatchObject({
        document_ids: ['kb-17', 'kb-4'],
        similarity: [0.91, 0.72],
      });
      expect(retrieval!.content?.snippets).toEqual([
        'Enterprise refunds are prorated.',
        'Refunds take five days.',
      ]);
      expect(llm).toMatchObject({
        source: 'otlp',
        provider: 'openai',
        model: 'gpt-4o-mini',
        caller: 'rag-agent',
        trace_id: traceId,
      });
      expect(llm!.llm?.input_tokens).toBeGreaterThan(0);
      expect(llm!.content?.messages?.map((m) => m.content)).toContain('How are enterprise refunds handled?');
      expect(tool!.tool).toMatchObject({
        name: 'create_ticket',
        approval_status: 'approved',
        result_status: 'ok',
      });
      expect(egress!.egress).toMatchObject({ destination: 'db.internal' });
      // Parent spans Sightline does not keep (the agent's root) leave the steps as roots, in time order.
      expect(body.tree.map((n) => n.event.kind)).toEqual(['retrieval', 'llm.call', 'tool.call', 'egress']);
      for (const e of body.events) expect(e.parent_span_id).toBeDefined();

      // Metadata keeps unknown attributes, never the content ones.
      expect(JSON.stringify(llm!.attributes)).not.toContain('How are enterprise refunds handled?');
      const finops = s.key('finops', 'fin-fred');
      const plain = await api(s, `/v1/traces/${traceId}`, { key: finops });
      expect(JSON.stringify(plain.body)).not.toContain('Enterprise refunds are prorated.');
      expect((await api(s, `/v1/traces/${traceId}?include=content`, { key: finops })).status).toBe(403);
    });
  }

  it('answers bad OTLP bodies with a clear error, and keeps a retried export once', async () => {
    const { s, ingest } = servers.json;
    const post = (raw: string | Uint8Array, type: string, extra: Record<string, string> = {}) =>
      fetch(`${s.url}/v1/traces`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ingest}`, 'content-type': type, ...extra },
        body: raw as BodyInit,
      });
    // Failed exports answer with a google.rpc.Status in the request's encoding (OTLP/HTTP).
    const bad = await post(Buffer.from([0x0a, 0xff, 0xff, 0xff]), 'application/x-protobuf');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/x-protobuf');
    const status = Buffer.from(await bad.arrayBuffer());
    expect([...status.subarray(0, 2)]).toEqual([0x08, 3]); // code = INVALID_ARGUMENT
    expect(status.subarray(4).toString('utf8')).toContain('invalid protobuf');
    const badJson = await post('{', 'application/json');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: 3, message: expect.any(String) });
    expect((await post('x', 'text/plain')).status).toBe(415);
    const bomb = (await import('node:zlib')).gzipSync(Buffer.alloc(200 * 1024 * 1024));
    const inflated = await post(bomb, 'application/json', { 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(400);
    expect(await inflated.text()).toContain('inflates beyond');
    const before = await s.ctx.store.countEvents({ trace_id: traceId });
    const again = await api(s, '/v1/traces', {
      key: ingest,
      body: {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'rag-agent' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId,
                    spanId: 'ffffffffffffffff',
                    name: 'chat',
                    startTimeUnixNano: String(Date.now() * 1e6),
                    endTimeUnixNano: String(Date.now() * 1e6 + 5e6),
                    attributes: [
                      { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                      { key: 'gen_ai.request.model', value: { stringValue: 'x'.repeat(600) } },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ partialSuccess: { rejectedSpans: 1 } });
    expect(JSON.stringify(again.body)).toContain('model');
    await s.ctx.ingestor.flush();
    expect(await s.ctx.store.countEvents({ trace_id: traceId })).toBe(before);
  });
});
