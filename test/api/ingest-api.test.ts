import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SightlineEvent } from '../../src/events/schema.js';
import { api, startTestServer, type TestServer } from '../support/server.js';

type Page = { events: (SightlineEvent & { content?: { prompt?: string } })[]; next_cursor?: string };

describe('ingest and query API', () => {
  let s: TestServer;
  let admin: string;
  let ingest: string;
  let analyst: string;
  let finops: string;

  beforeAll(async () => {
    s = await startTestServer({
      content_logging: { enabled: true },
      server: { body_limit_bytes: 64 * 1024 },
    });
    admin = s.key('admin');
    ingest = s.key('ingest', 'collector');
    analyst = s.key('analyst', 'sec-anna');
    finops = s.key('finops', 'fin-fred');
  });
  afterAll(() => s.close());

  it('refuses a missing key, a wrong key, and a role without the permission', async () => {
    expect((await api(s, '/v1/events')).status).toBe(401);
    expect((await api(s, '/v1/events', { key: 'sl_000000000000_' + 'x'.repeat(43) })).status).toBe(401);
    expect((await api(s, '/v1/events', { key: 'not-even-a-key' })).status).toBe(401);
    const wrongRole = await api(s, '/v1/events', { key: ingest });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body).toMatchObject({ error: { type: 'forbidden' } });
    expect(
      (await api(s, '/v1/events', { key: finops, method: 'POST', body: { kind: 'llm.call' } })).status,
    ).toBe(403);
  });

  it('records failed authentication as auth events', async () => {
    await api(s, '/v1/events', {
      key: 'sl_000000000000_' + 'y'.repeat(43),
      headers: { 'user-agent': 'probe/1' },
    });
    await s.ctx.ingestor.flush();
    const page = (await api(s, '/v1/events?kind=auth&status=denied', { key: admin })).body as Page;
    const probe = page.events.find((e) => e.user_agent === 'probe/1');
    expect(probe?.auth).toMatchObject({ outcome: 'denied', reason: 'invalid' });
    expect(JSON.stringify(page)).not.toContain('yyyy');
  });

  it('stores the good records of a mixed batch and reports the bad ones', async () => {
    const body = [
      JSON.stringify({ kind: 'llm.call', caller: 'mix-1', model: 'gpt-4o' }),
      JSON.stringify({ kind: 'llm.call', llm: { output_tokens: 'many' } }),
      'garbage',
      JSON.stringify({ kind: 'llm.call', caller: 'mix-2' }),
    ].join('\n');
    const res = await api(s, '/v1/events', {
      key: ingest,
      raw: body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 2 });
    const errors = (res.body as { errors: { index: number; path: string }[] }).errors;
    expect(errors.map((e) => [e.index, e.path])).toEqual([
      [1, 'llm.output_tokens'],
      [2, ''],
    ]);
    await s.ctx.ingestor.flush();
    const page = (await api(s, '/v1/events?q=mix-', { key: admin })).body as Page;
    expect(page.events.map((e) => e.caller).sort()).toEqual(['mix-1', 'mix-2']);
  });

  it('answers 400 when nothing in the body is valid, and 413 above the size limit', async () => {
    const bad = await api(s, '/v1/events', { key: ingest, body: [{ kind: 'x' }] });
    expect(bad.status).toBe(400);
    expect(
      (await api(s, '/v1/events', { key: ingest, raw: '{', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(400);
    const big = await api(s, '/v1/events', {
      key: ingest,
      body: { kind: 'llm.call', content: { prompt: 'x'.repeat(70 * 1024) } },
    });
    expect(big.status).toBe(413);
  });

  it('acknowledges a retried batch without storing it twice', async () => {
    const batch = [
      { id: 'retry-1', kind: 'llm.call', caller: 'retrier' },
      { id: 'retry-2', kind: 'llm.call', caller: 'retrier' },
    ];
    expect((await api(s, '/v1/events', { key: ingest, body: batch })).body).toMatchObject({
      accepted: 2,
      duplicates: 0,
    });
    expect((await api(s, '/v1/events', { key: ingest, body: batch })).body).toMatchObject({
      accepted: 0,
      duplicates: 2,
    });
    await s.ctx.ingestor.flush();
    expect(await s.ctx.store.countEvents({ caller: 'retrier' })).toBe(2);
  });

  it('returns content to the analyst only, redacted, and audits the read', async () => {
    const res = await api(s, '/v1/events', {
      key: ingest,
      body: {
        kind: 'llm.call',
        caller: 'content-case',
        content: { prompt: 'my card is 4111 1111 1111 1111, help' },
      },
    });
    const id = (res.body as { ids: string[] }).ids[0]!;
    await s.ctx.ingestor.flush();
    const meta = await api(s, `/v1/events/${id}`, { key: finops });
    expect(meta.status).toBe(200);
    expect(meta.text).not.toContain('4111');
    expect((await api(s, `/v1/events/${id}/content`, { key: finops })).status).toBe(403);
    expect((await api(s, `/v1/events/${id}/content`, { key: admin })).status).toBe(403);
    expect((await api(s, '/v1/events?include=content', { key: finops })).status).toBe(403);
    const revealed = await api(s, `/v1/events/${id}/content`, { key: analyst });
    expect(revealed.body).toMatchObject({ content: { prompt: 'my card is [CREDIT_CARD], help' } });
    const audit = await s.ctx.store.listAudit();
    expect(
      audit.some(
        (r) => r.action === 'content.read' && r.target.includes(id) && r.actor === 'analyst:sec-anna',
      ),
    ).toBe(true);
  });

  it('filters and pages through events', async () => {
    const events = Array.from({ length: 30 }, (_, i) => ({
      kind: 'llm.call',
      caller: 'pager',
      ts: new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString(),
    }));
    await api(s, '/v1/events', { key: ingest, body: events });
    await s.ctx.ingestor.flush();
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const page = (
        await api(s, `/v1/events?caller=pager&limit=7${cursor ? `&cursor=${cursor}` : ''}`, { key: admin })
      ).body as Page;
      seen.push(...page.events.map((e) => e.ts));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen).toHaveLength(30);
    expect([...seen].sort().reverse()).toEqual(seen);
    const bad = await api(s, '/v1/events?min_risk=7&kind=nope', { key: admin });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/min_risk/);
    expect((await api(s, '/v1/events?cursor=garbage', { key: admin })).status).toBe(400);
  });

  it('keeps tenants apart for non-admin keys', async () => {
    const other = s.key('ingest', 'other-collector', { tenant: 'acme' });
    const otherReader = s.key('analyst', 'acme-analyst', { tenant: 'acme' });
    await api(s, '/v1/events', {
      key: other,
      body: { kind: 'llm.call', caller: 'acme-user', tenant: 'default' },
    });
    await s.ctx.ingestor.flush();
    const mine = (await api(s, '/v1/events?caller=acme-user', { key: otherReader })).body as Page;
    expect(mine.events.map((e) => e.tenant)).toEqual(['acme']);
    const theirs = (await api(s, '/v1/events?caller=acme-user', { key: analyst })).body as Page;
    expect(theirs.events).toEqual([]);
  });
});
