import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/events/schema.js';
import { recordCall } from '../../src/gateway/record.js';
import { GatewayRecorder } from '../../src/gateway/recorder.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('gateway recorder', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ content_logging: { enabled: true } });
  });
  afterAll(() => s.close());

  const call = (caller: string, prompt: string): EventInput => ({
    kind: 'llm.call',
    source: 'gateway',
    caller,
    status: 'ok',
    model: 'gpt-4o-mini',
    llm: { operation: 'chat', input_tokens: 3, output_tokens: 2 },
    content: { prompt },
  });

  it('batches calls into the store and keeps the metadata of one whose content is out of bounds', async () => {
    const r = new GatewayRecorder(s.ctx);
    r.add(undefined, [call('rec-a', 'hello')]);
    recordCall(r, {
      principal: { keyId: 'k1', role: 'app', principal: 'rec-b', tenant: 'default' },
      operation: 'chat',
      status: 'ok',
      latencyMs: 1,
      stream: false,
      guardrailAction: 'allow',
      guardrails: [],
      content: { prompt: 'x'.repeat(1_000_001) },
    });
    r.add(undefined, [call('rec-c', 'bye')]);
    await r.drain();
    await s.ctx.ingestor.flush();
    const { events } = await s.ctx.store.queryEvents({ limit: 10, order: 'asc', kinds: ['llm.call'] });
    expect(events.map((e) => e.caller).sort()).toEqual(['rec-a', 'rec-b', 'rec-c']);
    const dropped = events.find((e) => e.caller === 'rec-b')!;
    expect(dropped).toMatchObject({ source: 'gateway', attributes: { content_dropped: 'too large' } });
    expect(dropped.has_content).toBeFalsy();
    expect(events.find((e) => e.caller === 'rec-a')!.has_content).toBe(true);
  });
});
