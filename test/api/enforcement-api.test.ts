import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreEnforcementList } from '../../src/enforcement/store-enforcement-list.js';
import type { EnforcementEntry } from '../../src/enforcement/types.js';
import type { SightlineEvent } from '../../src/events/schema.js';
import { api, startTestServer, type TestServer } from '../support/server.js';

describe('enforcement list API', () => {
  let s: TestServer;
  let analyst: string;
  let viewer: string;

  beforeAll(async () => {
    s = await startTestServer();
    analyst = s.key('analyst', 'sec-anna');
    viewer = s.key('ml_platform', 'ml-max');
  });
  afterAll(() => s.close());

  it('adds a block that the gateway lookup sees at once, with its expiry', async () => {
    const res = await api(s, '/v1/enforcement', {
      key: analyst,
      body: { type: 'block_identity', target: 'mallory', reason: 'stolen key', ttl_seconds: 600 },
    });
    expect(res.status).toBe(201);
    const entry = res.body as EnforcementEntry;
    expect(entry.created_by).toBe('user:sec-anna');
    expect(Date.parse(entry.expires_at) - Date.now()).toBeGreaterThan(590_000);
    expect(s.ctx.enforcement.blocking('mallory', undefined)?.id).toBe(entry.id);
    expect(s.ctx.enforcement.blocking('alice', '10.0.0.1')).toBeUndefined();
    const list = await api(s, '/v1/enforcement', { key: viewer });
    expect((list.body as { entries: EnforcementEntry[] }).entries.map((e) => e.id)).toContain(entry.id);
  });

  it('records each change in the audit trail and as a control event', async () => {
    const res = await api(s, '/v1/enforcement', {
      key: analyst,
      body: { type: 'rate_limit', target: 'bulk-job', limit_rpm: 5, reason: 'cost spike', ttl_seconds: 60 },
    });
    const id = (res.body as EnforcementEntry).id;
    expect(s.ctx.enforcement.rateLimitFor('bulk-job')).toBe(5);
    expect((await api(s, `/v1/enforcement/${id}`, { key: analyst, method: 'DELETE' })).status).toBe(204);
    expect(s.ctx.enforcement.rateLimitFor('bulk-job')).toBeUndefined();
    expect((await api(s, `/v1/enforcement/${id}`, { key: analyst, method: 'DELETE' })).status).toBe(404);

    const audit = await s.ctx.store.listAudit();
    expect(audit.filter((r) => r.target === id).map((r) => r.action)).toEqual([
      'enforcement.rate_limit',
      'enforcement.remove',
    ]);
    await s.ctx.ingestor.flush();
    const page = await s.ctx.store.queryEvents({ kinds: ['control'], limit: 100 });
    const actions = page.events.map((e: SightlineEvent) => e.control?.action);
    expect(actions).toEqual(expect.arrayContaining(['enforcement.rate_limit', 'enforcement.remove']));
  });

  it('refuses bad entries with the field named, and roles without actions:write', async () => {
    const cases: [unknown, string][] = [
      [{ type: 'rate_limit', target: 'x', reason: 'r', ttl_seconds: 60 }, 'limit_rpm'],
      [{ type: 'block_ip', target: 'not-an-ip', reason: 'r', ttl_seconds: 60 }, 'target'],
      [{ type: 'block_identity', target: 'x', reason: 'r' }, 'expires_at'],
      [{ type: 'block_identity', target: 'x', reason: 'r', expires_at: '2001-01-01T00:00:00Z' }, 'past'],
      [{ type: 'block_identity', target: 'x', reason: 'r', ttl_seconds: 60, extra: 1 }, 'extra'],
      [{ type: 'shutdown', target: 'x', reason: 'r', ttl_seconds: 60 }, 'type'],
    ];
    for (const [body, named] of cases) {
      const res = await api(s, '/v1/enforcement', { key: analyst, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.text).toContain(named);
    }
    expect(
      (
        await api(s, '/v1/enforcement', {
          key: analyst,
          raw: '{',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    const denied = await api(s, '/v1/enforcement', {
      key: viewer,
      body: { type: 'block_identity', target: 'x', reason: 'r', ttl_seconds: 60 },
    });
    expect(denied.status).toBe(403);
  });

  it('ignores expired entries and lets another node sharing the store see a change within a second', async () => {
    const other = new StoreEnforcementList({ store: s.ctx.store, refreshMs: 100 });
    await other.start();
    try {
      await api(s, '/v1/enforcement', {
        key: analyst,
        body: { type: 'block_ip', target: '203.0.113.9', reason: 'scanner', ttl_seconds: 1 },
      });
      const seenAt = Date.now();
      while (!other.blocking(undefined, '203.0.113.9') && Date.now() - seenAt < 1000)
        await new Promise((r) => setTimeout(r, 20));
      expect(other.blocking(undefined, '203.0.113.9')?.type).toBe('block_ip');
      expect(other.blocking(undefined, '203.0.113.9', new Date(Date.now() + 2000))).toBeUndefined();
    } finally {
      await other.stop();
    }
  });
});
