/**
 * A small RAG agent instrumented with the Sightline SDK: it retrieves documents, asks a model, and
 * calls one tool (with an approval check). Everything it does lands in one trace.
 *
 *   npx tsx examples/rag-agent/agent.ts                      # self-contained demo
 *   npx tsx examples/rag-agent/agent.ts --url URL --key KEY  # against your Sightline (ingest key)
 *
 * The model is a loopback fake that speaks the OpenAI protocol, so no provider account is needed;
 * point `baseURL` at a real provider (or at Sightline's gateway) to use a real model.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { parseConfig } from '../../src/config/load.js';
import { createSightline } from '../../src/sdk/index.js';
import { startSightline } from '../../src/server.js';
import { silentLogger } from '../../src/util/logger.js';
import { startFakeUpstream } from '../../test/support/fake-upstream.js';

const KNOWLEDGE_BASE = [
  { id: 'kb-refunds', text: 'Refunds for annual plans are prorated to the day.' },
  { id: 'kb-shipping', text: 'Hardware ships within five business days.' },
  { id: 'kb-payroll', text: 'Payroll data for 2026 (restricted to HR).', restricted: true },
];

export interface AgentRun {
  traceId: string;
  answer: string;
}

/** Runs one question through the agent with a Sightline client pointed at `url`. */
export async function runAgent(
  url: string,
  key: string,
  modelUrl: string,
  question: string,
  user = 'customer-42',
): Promise<AgentRun> {
  const sl = createSightline({ url, apiKey: key, caller: 'rag-agent', flushIntervalMs: 50 });
  const openai = sl.wrapOpenAI(new OpenAI({ apiKey: 'demo', baseURL: modelUrl, maxRetries: 0 }));
  const retrieve = sl.traceRetrieval(
    async (q: string) =>
      KNOWLEDGE_BASE.map((d) => ({
        id: d.id,
        score: q.split(' ').filter((w) => d.text.toLowerCase().includes(w.toLowerCase())).length / 5,
        content: d.text,
        allowed: !d.restricted,
      }))
        .filter((d) => d.score > 0 && d.allowed)
        .sort((a, b) => b.score - a.score),
    { source: 'kb', user: () => user },
  );
  const openTicket = sl.traceTool(
    'open_ticket',
    async (p: { user: string; summary: string }) => ({ ticket: `T-${p.user.length}${p.summary.length}` }),
    {
      approval: (p) => (p.summary.length < 500 ? 'approved' : 'pending'),
    },
  );
  let traceId = '';
  const answer = await sl.trace(async () => {
    traceId = sl.currentTrace()!;
    const docs = await retrieve(question);
    const reply = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'system',
          content: `Answer using only these notes:\n${docs.map((d) => d.content).join('\n')}`,
        },
        { role: 'user', content: question },
      ],
    });
    const text = reply.choices[0]?.message.content ?? '';
    await openTicket({ user, summary: text.slice(0, 200) });
    return text;
  });
  await sl.shutdown();
  return { traceId, answer };
}

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const model = await startFakeUpstream();
  let url = arg('url');
  let key = arg('key');
  let stop = async () => undefined as void;
  let analystKey: string | undefined;
  if (!url || !key) {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-example-'));
    const server = await startSightline({
      config: parseConfig({ data_dir: dir, server: { port: 0 }, content_logging: { enabled: true } }),
      log: silentLogger,
    });
    url = server.url;
    key = server.ctx.apiKeys.create({ role: 'ingest', principal: 'rag-agent' }).key;
    analystKey = server.ctx.apiKeys.create({ role: 'analyst', principal: 'demo-analyst' }).key;
    stop = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const run = await runAgent(url, key, `${model.url}/v1`, 'How are refunds for annual plans handled?');
  console.log(`answer: ${run.answer}\ntrace:  ${run.traceId}`);
  if (analystKey) {
    await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${url}/v1/traces/${run.traceId}`, {
      headers: { authorization: `Bearer ${analystKey}` },
    });
    const body = (await res.json()) as {
      events: {
        kind: string;
        tool?: { name: string };
        retrieval?: { document_ids?: string[] };
        model?: string;
        latency_ms?: number;
      }[];
    };
    for (const e of body.events)
      console.log(
        `  ${e.kind.padEnd(10)} ${e.tool?.name ?? e.model ?? e.retrieval?.document_ids?.join(',') ?? ''}  ${e.latency_ms ?? ''} ms`,
      );
  }
  await stop();
  await model.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
