import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let key: string;
beforeAll(async () => {
  s = await startTestServer({ server: { body_limit_bytes: 4 * 1024 * 1024 }, pipeline: { workers: 1 } });
  key = s.key('ingest', 'fuzzer');
});
afterAll(() => s.close());

async function post(body: Uint8Array<ArrayBuffer> | Buffer<ArrayBuffer> | string, type = 'application/json') {
  const res = await fetch(`${s.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': type },
    body,
  });
  const text = await res.text();
  return { status: res.status, text };
}

/** Whatever came in, the answer is a client error or an acceptance, in JSON, without the input echoed. */
function wellFormed(r: { status: number; text: string }) {
  expect([202, 400, 413, 415]).toContain(r.status);
  expect(() => JSON.parse(r.text)).not.toThrow();
}

describe('fuzz: POST /v1/events over HTTP', () => {
  it('random bytes, including invalid UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4000 }),
        fc.constantFrom('application/json', 'application/x-ndjson'),
        async (bytes, type) => {
          wellFormed(await post(new Uint8Array(bytes), type));
        },
      ),
      { numRuns: 60 },
    );
    // Invalid UTF-8 inside an otherwise valid record is replaced, never a crash.
    const bad = Buffer.concat([
      Buffer.from('{"kind":"llm.call","caller":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);
    const r = await post(bad);
    expect(r.status).toBe(202);
  });

  it('oversized bodies get 413 and cost no more than the limit', async () => {
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) {
      const r = await post('[' + '{"kind":"llm.call"},'.repeat(400_000) + '{"kind":"llm.call"}]');
      expect(r.status).toBe(413);
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('deeply nested and huge-string bodies are refused per record, and the server keeps serving', async () => {
    wellFormed(await post('['.repeat(1_000_000) + ']'.repeat(1_000_000)));
    wellFormed(
      await post(`{"kind":"llm.call","attributes":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}`),
    );
    const huge = await post(JSON.stringify({ kind: 'llm.call', caller: 'C'.repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(400);
    expect(huge.text.length).toBeLessThan(2000);
    expect(huge.text).not.toContain('CCCC');
    const ok = await post(JSON.stringify({ kind: 'llm.call', model: 'still-alive' }));
    expect(ok.status).toBe(202);
  }, 60_000);
});
