import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAgent } from '../../examples/rag-agent/agent.js';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream.js';
import { api, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let up: FakeUpstream;
beforeAll(async () => {
  up = await startFakeUpstream();
  s = await startTestServer({ content_logging: { enabled: true } });
});
afterAll(async () => {
  await s.close();
  await up.close();
});

it('the example RAG agent produces one full trace: retrieval, model call, tool', async () => {
  const run = await runAgent(
    s.url,
    s.key('ingest', 'rag-agent'),
    `${up.url}/v1`,
    'How are refunds for annual plans handled?',
  );
  expect(run.answer).toContain('refunds');
  await s.ctx.ingestor.flush();
  const res = await api(s, `/v1/traces/${run.traceId}`, { key: s.key('analyst', 'sec') });
  const body = res.body as {
    events: {
      kind: string;
      retrieval?: { document_ids?: string[]; access_decision?: string };
      tool?: { name: string; approval_status?: string };
    }[];
  };
  expect(body.events.map((e) => e.kind)).toEqual(['retrieval', 'llm.call', 'tool.call']);
  expect(body.events[0]!.retrieval?.document_ids).toContain('kb-refunds');
  expect(body.events[0]!.retrieval?.document_ids).not.toContain('kb-payroll');
  expect(body.events[2]!.tool).toMatchObject({ name: 'open_ticket', approval_status: 'approved' });
});
