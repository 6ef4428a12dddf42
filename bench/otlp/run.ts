/**
 * bench/otlp: GenAI spans per second through the OTLP/HTTP receiver (JSON) into DuckDB, server in
 * its own process; baseline in the same run: JSON parse+stringify of the same request bodies.
 *
 *   npm run build && npx tsx bench/otlp/run.ts [--seconds 10] [--batch 500] [--concurrency 4]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packagePath } from '../../src/util/package-root.js';
import { spawnServer, waitExit } from '../../test/support/child-server.js';
import { arg, fmt } from '../support/stats.js';

const seconds = arg('seconds', 10);
const batch = arg('batch', 500);
const concurrency = arg('concurrency', 4);
const kv = (key: string, v: string | number) => ({
  key,
  value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v },
});
const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

function body(b: number): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans = Array.from({ length: batch }, (_, i) => ({
    traceId: hex(b * batch + i, 32),
    spanId: hex(b * batch + i + 1, 16),
    name: 'chat gpt-4o-mini',
    kind: 3,
    startTimeUnixNano: String(now),
    endTimeUnixNano: String(now + 850_000_000n),
    attributes: [
      kv('gen_ai.operation.name', 'chat'),
      kv('gen_ai.system', 'openai'),
      kv('gen_ai.request.model', 'gpt-4o-mini'),
      kv('gen_ai.usage.input_tokens', 420),
      kv('gen_ai.usage.output_tokens', 96),
      kv('gen_ai.prompt.0.role', 'user'),
      kv(
        'gen_ai.prompt.0.content',
        'Please summarise the attached support ticket and propose a reply to the customer about the delayed refund. '.repeat(
          4,
        ),
      ),
      kv(
        'gen_ai.completion.0.content',
        'The customer asks about a refund delayed by two weeks; apologise and confirm the new date.',
      ),
      kv('enduser.id', `user-${i % 50}`),
    ],
  }));
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: [kv('service.name', 'bench-app')] }, scopeSpans: [{ spans }] }],
  });
}

async function main() {
  const bodies = Array.from({ length: 20 }, (_, b) => body(b));
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 2000) JSON.stringify(JSON.parse(bodies[n++ % bodies.length]!));
  const baseline = (n * batch) / ((performance.now() - t0) / 1000);

  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-otlp-'));
  const server = await spawnServer(dir);
  const created = await promisify(execFile)(process.execPath, [
    packagePath('dist', 'src', 'cli', 'main.js'),
    'keys',
    'create',
    '--role',
    'ingest',
    '--data-dir',
    dir,
  ]);
  const key = /sl_[a-f0-9]{12}_[A-Za-z0-9_-]{43}/.exec(created.stdout)![0];
  await new Promise((r) => setTimeout(r, 1500));
  let acked = 0;
  let refused = 0;
  let sent = 0;
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = w; performance.now() < deadline; i += concurrency) {
        // Fresh ids each round, so no span is a duplicate of an earlier one.
        const round = Math.floor(sent++ / bodies.length);
        const text = bodies[i % bodies.length]!.replace(/"traceId":"0*/g, `"traceId":"${hex(round, 4)}`);
        const res = await fetch(`${server.url}/v1/traces`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: text,
        });
        await res.text();
        if (res.status === 200) acked += batch;
        else refused++;
      }
    }),
  );
  const ackRate = acked / ((performance.now() - start) / 1000);
  const flushedAt = performance.now();
  server.proc.kill('SIGTERM');
  await waitExit(server.proc);
  const endToEnd = acked / ((performance.now() - start) / 1000);
  console.log(
    `spans: GenAI chat spans with prompt and completion, ${fmt(batch)} a request, ${concurrency} connections, ${seconds}s`,
  );
  console.log(`acknowledged: ${fmt(ackRate)} spans/s (refused requests: ${refused})`);
  console.log(
    `stored incl. shutdown flush (${fmt((performance.now() - flushedAt) / 1000, 1)} s): ${fmt(endToEnd)} spans/s`,
  );
  console.log(
    `baseline JSON parse+stringify of the same bodies: ${fmt(baseline)} spans/s → receiver/baseline ${(ackRate / baseline).toFixed(3)}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

await main();
