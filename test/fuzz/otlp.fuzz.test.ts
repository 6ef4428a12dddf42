import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let key: string;
beforeAll(async () => {
  s = await startTestServer({ pipeline: { workers: 0 } });
  key = s.key('ingest', 'otlp-fuzzer');
});
afterAll(() => s.close());

async function post(path: string, body: Uint8Array<ArrayBuffer> | string, type: string) {
  const res = await fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': type },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const anyValue = fc.oneof(
  fc.record({ stringValue: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
  fc.record({ intValue: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 3 }),
);
const attrs = fc.array(
  fc.record(
    {
      key: fc.oneof(
        fc.constantFrom(
          'gen_ai.system',
          'gen_ai.request.model',
          'gen_ai.prompt',
          'llm.input_messages',
          'service.name',
        ),
        fc.string(),
      ),
      value: anyValue,
    },
    { requiredKeys: [] },
  ),
  { maxLength: 6 },
);
const span = fc.record(
  {
    traceId: fc.oneof(hex(32), fc.string()),
    spanId: fc.oneof(hex(16), fc.string()),
    name: fc.string(),
    startTimeUnixNano: fc.oneof(fc.string(), fc.integer(), fc.constant('99999999999999999999999')),
    endTimeUnixNano: fc.oneof(fc.string(), fc.integer()),
    attributes: fc.oneof(attrs, fc.jsonValue({ maxDepth: 2 })),
    events: fc.array(fc.record({ name: fc.string(), attributes: attrs }, { requiredKeys: [] }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: [] },
);
const traces = fc.record({
  resourceSpans: fc.array(
    fc.record(
      {
        resource: fc.record({ attributes: attrs }, { requiredKeys: [] }),
        scopeSpans: fc.array(fc.record({ spans: fc.array(span, { maxLength: 4 }) }), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  ),
});

/** A client error or an acceptance, never a server error. */
const answered = (r: { status: number }) => expect([200, 400, 413, 415, 429, 503]).toContain(r.status);

describe('fuzz: OTLP/HTTP receiver', () => {
  it('random bytes as protobuf and as JSON, for traces and logs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom('/v1/traces', '/v1/logs'),
        fc.constantFrom('application/x-protobuf', 'application/json'),
        async (bytes, path, type) => {
          answered(await post(path, new Uint8Array(bytes), type));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('OTLP-shaped JSON with wrong types anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(traces, async (body) => {
        answered(await post('/v1/traces', JSON.stringify(body), 'application/json'));
      }),
      { numRuns: 80 },
    );
  });

  it('deep nesting and huge attribute strings, then the receiver still accepts a good span', async () => {
    answered(
      await post(
        '/v1/traces',
        '{"resourceSpans":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}',
        'application/json',
      ),
    );
    const huge = { key: 'gen_ai.prompt', value: { stringValue: 'P'.repeat(3 * 1024 * 1024) } };
    const big = await post(
      '/v1/traces',
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '0af7651916cd43dd8448eb211c80319c',
                    spanId: 'b7ad6b7169203331',
                    name: 'chat',
                    attributes: [huge],
                  },
                ],
              },
            ],
          },
        ],
      }),
      'application/json',
    );
    answered(big);
    expect(big.text).not.toContain('PPPP');
    const ok = await post('/v1/traces', JSON.stringify({ resourceSpans: [] }), 'application/json');
    expect(ok.status).toBe(200);
  }, 60_000);
});
