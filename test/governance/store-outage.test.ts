import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutageStore } from '../../bench/resilience/outage-store.js';
import type { SightlineConfigInput } from '../../src/config/schema.js';
import { api, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  s = undefined;
});

async function withOutage(config: SightlineConfigInput) {
  dir = mkdtempSync(join(tmpdir(), 'sl-outage-'));
  const state = { down: true };
  s = await startTestServer(
    { pipeline: { workers: 0 }, ...config },
    { store: new OutageStore(join(dir, 'sightline.duckdb'), () => state.down) },
  );
  return { state, key: s.key('ingest', 'collector') };
}

/** Sends batches until the server refuses one; returns the acknowledged ids and the refusal. */
async function fillUntilRefused(key: string, size: number, prompt: string) {
  const acked: string[] = [];
  for (let b = 0; b < 500; b++) {
    const ids = Array.from({ length: size }, (_, i) => `b${b}-${i}`);
    const res = await api(s!, '/v1/events', {
      key,
      body: ids.map((id) => ({ id, kind: 'llm.call', model: 'm', content: { prompt } })),
    });
    if (res.status !== 202) return { acked, refused: res };
    acked.push(...ids);
  }
  throw new Error('never refused');
}

async function drained(acked: string[]): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const n = await s!.ctx.store.countEvents({ kinds: ['llm.call'] });
    if (n >= acked.length) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
  return s!.ctx.store.countEvents({ kinds: ['llm.call'] });
}

describe('store outage', () => {
  it('is absorbed by the spool, answered with 503 and Retry-After when the spool is full, and drained afterwards', async () => {
    const { state, key } = await withOutage({
      content_logging: { enabled: true },
      spool: { max_bytes: 1024 * 1024, max_pending_events: 100_000 },
    });
    const { acked, refused } = await fillUntilRefused(key, 2, 'x'.repeat(8_000));
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(acked.length).toBeGreaterThan(20);
    expect(await s!.ctx.store.countEvents()).toBe(0);
    state.down = false;
    expect(await drained(acked)).toBe(acked.length);
    const stored = await s!.ctx.store.queryEvents({ ids: acked.slice(0, 50), limit: 100 });
    expect(stored.events).toHaveLength(Math.min(50, acked.length));
    // Room again once drained.
    expect((await api(s!, '/v1/events', { key, body: [{ kind: 'llm.call' }] })).status).toBe(202);
  }, 60_000);

  it('answers 429 with Retry-After when the in-memory queue is full, never growing without bound', async () => {
    const { state, key } = await withOutage({ spool: { max_pending_events: 100 } });
    const { acked, refused } = await fillUntilRefused(key, 20, 'small');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(acked.length).toBeLessThanOrEqual(120);
    // The first write waits out the store linger, then fails against the dead store.
    for (let i = 0; i < 100 && s!.ctx.ingestor.stats.store_errors === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(s!.ctx.ingestor.stats.store_errors).toBeGreaterThan(0);
    state.down = false;
    expect(await drained(acked)).toBe(acked.length);
  }, 60_000);
});
