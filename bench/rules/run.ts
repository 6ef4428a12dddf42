/**
 * bench/rules: (1) events/s through the full built-in rule pack, on one core, against an engine
 * with no rules as the baseline in the same run; (2) event→alert latency at 10,000 events/s end to
 * end: a real server, background traffic through the ingest API, and probe events (an agent tool
 * call without approval, each from a new caller) timed from the ingest request to the alert's
 * arrival on the SSE stream.
 *
 *   npm run build && npx tsx bench/rules/run.ts [--events 300000] [--seconds 10] [--rate 10000] [--workers N]
 */
import { RuleEngine } from '../../src/rules/engine.js';
import { loadRules } from '../../src/rules/loader.js';
import { arg, fmt, percentile } from '../support/stats.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, waitExit } from '../../test/support/child-server.js';
import { traffic } from './traffic.js';

const N = arg('events', 300_000);
const seconds = arg('seconds', 10);
const rate = arg('rate', 10_000);

function throughput(engine: RuleEngine, events: ReturnType<typeof traffic>): number {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 1000) engine.process(events.slice(i, i + 1000));
  return events.length / ((performance.now() - t0) / 1000);
}

const { rules } = loadRules();
const events = traffic(N, Date.parse('2026-01-05T09:00:00Z'), 5000);
throughput(new RuleEngine(rules, { lateness_ms: 120_000 }), events.slice(0, 20_000)); // warm up
const empty = throughput(new RuleEngine([], { lateness_ms: 120_000 }), events);
const full = new RuleEngine(rules, { lateness_ms: 120_000 });
const packRate = throughput(full, events);
console.log(
  `engine: ${fmt(N)} events, ${rules.length} rules (${rules.filter((r) => r.enabled).length} enabled)`,
);
console.log(`  baseline (no rules)  ${fmt(empty)} events/s`);
console.log(`  full pack            ${fmt(packRate)} events/s  (${fmt(full.stats.hits)} rule firings)`);

// End to end at `rate` events/s, against the built CLI in its own process (durable spool, default
// settings), so the load generator does not share the server's event loop.
const workers = process.argv.includes('--workers') ? arg('workers', 1) : undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-rules-'));
writeFileSync(
  join(dataDir, 'bench.yaml'),
  JSON.stringify({ rules: { replay_hours: 0 }, ...(workers === undefined ? {} : { pipeline: { workers } }) }),
);
const server = await spawnServer(dataDir, ['--config', join(dataDir, 'bench.yaml')]);
// The bootstrap admin key may both ingest and read alerts.
const ingest = server.key;
const analyst = server.key;
const arrived = new Map<string, number>();
const sse = await fetch(new URL('/v1/alerts/stream', server.url), {
  headers: { authorization: `Bearer ${analyst}` },
});
const reader = sse.body!.getReader();
void (async () => {
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) break;
    buf += new TextDecoder().decode(value);
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const msg = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const m = /"entity":\{"type":"[^"]+","value":"(probe-\d+)"/.exec(msg);
      if (m && msg.includes('event: alert')) arrived.set(m[1]!, performance.now());
    }
  }
})();

const tickMs = 100;
const perTick = Math.round((rate * tickMs) / 1000);
const sent = new Map<string, number>();
let accepted = 0;
let late = 0;
const start = performance.now();
const bg = traffic(perTick * 10, Date.now(), rate).map((e) => {
  const {
    id: _i,
    tenant: _t,
    risk_score: _r,
    findings: _f,
    has_content: _h,
    ingested_at: _a,
    input_hash: _x,
    ts: _ts,
    ...input
  } = e;
  return JSON.stringify(input);
});
// Open loop, as real senders are: each tick's batch goes out on time whether or not earlier ones
// were answered (up to MAX_IN_FLIGHT at once; a tick that finds them all busy is counted late).
const MAX_IN_FLIGHT = 8;
const inFlight = new Set<Promise<void>>();
for (let tick = 0; performance.now() - start < seconds * 1000; tick++) {
  const due = start + tick * tickMs;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  if (inFlight.size >= MAX_IN_FLIGHT) {
    late++;
    await Promise.race(inFlight);
  }
  const probe = `probe-${tick}`;
  const lines = bg.slice((tick % 10) * perTick, (tick % 10) * perTick + perTick - 1);
  lines.push(
    JSON.stringify({
      kind: 'tool.call',
      caller: probe,
      tool: { name: 'send_email', approval_status: 'missing', result_status: 'ok' },
    }),
  );
  sent.set(probe, performance.now());
  const req: Promise<void> = fetch(new URL('/v1/events', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${ingest}`, 'content-type': 'application/x-ndjson' },
    body: lines.join('\n'),
  })
    .then(async (res) => {
      accepted += ((await res.json()) as { accepted: number }).accepted;
    })
    .finally(() => inFlight.delete(req));
  inFlight.add(req);
}
await Promise.all(inFlight);
const elapsed = (performance.now() - start) / 1000;
await new Promise((r) => setTimeout(r, 1500));
const lat = [...sent]
  .filter(([p]) => arrived.has(p))
  .map(([p, t]) => arrived.get(p)! - t)
  .sort((a, b) => a - b);
console.log(
  `end to end: ${fmt(accepted / elapsed)} events/s accepted for ${fmt(elapsed, 1)} s (target ${fmt(rate)}; ${late} ticks behind schedule)`,
);
console.log(
  `  event→alert latency over ${lat.length}/${sent.size} probes: p50 ${fmt(percentile(lat, 50))} ms, p99 ${fmt(percentile(lat, 99))} ms, max ${fmt(lat.at(-1) ?? 0)} ms`,
);
await reader.cancel().catch(() => undefined);
server.proc.kill('SIGTERM');
await waitExit(server.proc);
rmSync(dataDir, { recursive: true, force: true });
