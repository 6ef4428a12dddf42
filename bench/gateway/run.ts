/**
 * bench/gateway: the same fixed-rate load (chat completions with a ~1 KB prompt, non-streaming)
 * sent directly to a loopback provider and through the gateway to it, in one run; the difference
 * of the latency percentiles is the gateway's overhead. Provider, gateway and load generator each
 * run in their own process. All inline detectors of the default config are on.
 *
 *   npm run build && npx tsx bench/gateway/run.ts [--rate 1000] [--seconds 10]
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packagePath } from '../../src/util/package-root.js';
import { spawnServer, waitExit } from '../../test/support/child-server.js';
import { arg, fmt, percentile } from '../support/stats.js';

const rate = arg('rate', 1000);
const seconds = arg('seconds', 10);
const PROMPT =
  'Please summarise the attached customer message and suggest a reply. The customer writes that the invoice for ' +
  'last month doubled without notice, that the dashboard showed usage within the plan, and that they would like ' +
  'an explanation before the next billing cycle. '.repeat(3);

interface Phase {
  latencies: number[];
  errors: number;
  achieved: number;
}

/** Sends `rate` requests a second for `seconds`, on keep-alive connections, measuring each. */
async function drive(url: string, headers: Record<string, string>, body: string): Promise<Phase> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  let inflight = 0;
  const total = rate * seconds;
  const start = performance.now();
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      inflight++;
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - t0);
            else errors++;
            inflight--;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        inflight--;
        resolve();
      });
      req.end(body);
    });
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(one());
  }
  await Promise.all(pending);
  agent.destroy();
  void inflight;
  return {
    latencies: latencies.sort((a, b) => a - b),
    errors,
    achieved: latencies.length / ((performance.now() - start) / 1000),
  };
}

async function main() {
  const up = spawn(
    process.execPath,
    ['--import', 'tsx', packagePath('bench', 'gateway', 'upstream-process.ts')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const upstreamUrl = await new Promise<string>((resolve) => {
    up.stdout!.on('data', (d: Buffer) => {
      const m = /upstream (http:\/\/\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-gw-'));
  writeFileSync(
    join(dir, 'gw.yaml'),
    `gateway:\n  upstreams:\n    - { name: fake, kind: openai, base_url: "${upstreamUrl}/v1", api_key_env: BENCH_UPSTREAM_KEY, models: ["*"] }\n`,
  );
  const server = await spawnServer(join(dir, 'data'), ['--config', join(dir, 'gw.yaml')], {
    BENCH_UPSTREAM_KEY: 'bench-upstream-key',
  });
  const created = await promisify(execFile)(process.execPath, [
    packagePath('dist', 'src', 'cli', 'main.js'),
    'keys',
    'create',
    '--role',
    'app',
    '--principal',
    'bench-app',
    '--data-dir',
    join(dir, 'data'),
  ]);
  const appKey = /sl_[a-f0-9]{12}_[A-Za-z0-9_-]{43}/.exec(created.stdout)![0];
  await new Promise((r) => setTimeout(r, 1500)); // the server picks new keys up within a second

  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] });
  const json = { 'content-type': 'application/json' };
  // Warm both paths (JIT, connections), then measure.
  await drive(
    `${upstreamUrl}/v1/chat/completions`,
    { ...json, authorization: 'Bearer bench-upstream-key' },
    body,
  );
  const direct = await drive(
    `${upstreamUrl}/v1/chat/completions`,
    { ...json, authorization: 'Bearer bench-upstream-key' },
    body,
  );
  const viaGateway = await drive(
    `${server.url}/v1/chat/completions`,
    { ...json, authorization: `Bearer ${appKey}` },
    body,
  );

  const p = (ph: Phase, q: number) => percentile(ph.latencies, q);
  console.log(
    `load: ${fmt(rate)} req/s for ${seconds}s, ${fmt(body.length)} byte requests, all default detectors on`,
  );
  for (const [name, ph] of [
    ['direct to provider', direct],
    ['through gateway', viaGateway],
  ] as const)
    console.log(
      `${name.padEnd(20)} achieved ${fmt(ph.achieved)} req/s  p50 ${fmt(p(ph, 50), 3)} ms  p99 ${fmt(p(ph, 99), 3)} ms  errors ${ph.errors}`,
    );
  console.log(
    `gateway overhead     p50 ${fmt(p(viaGateway, 50) - p(direct, 50), 3)} ms  p99 ${fmt(p(viaGateway, 99) - p(direct, 99), 3)} ms`,
  );

  server.proc.kill('SIGTERM');
  up.kill('SIGTERM');
  await waitExit(server.proc);
  rmSync(dir, { recursive: true, force: true });
}

await main();
