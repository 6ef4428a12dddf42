import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/simulate/run.js';
import { scenarioByName } from '../../src/simulate/scenarios.js';
import type { AlertRecord } from '../../src/store/alert-types.js';
import { api, startTestServer, type TestServer } from '../support/server.js';

describe('/v1/alerts', () => {
  let s: TestServer;
  let analyst: string;
  let alert: AlertRecord;
  beforeAll(async () => {
    s = await startTestServer({ rules: { dry_run: true } });
    analyst = s.key('analyst', 'ana');
  });
  afterAll(() => s.close());

  it('streams a new alert over SSE as it is raised', async () => {
    const ac = new AbortController();
    const res = await fetch(new URL('/v1/alerts/stream', s.url), {
      headers: { authorization: `Bearer ${analyst}` },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const read = (async () => {
      while (!text.includes('event: alert')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    })();
    await runScenario(
      scenarioByName('safety-control-tampering')!,
      { url: s.url, key: s.key('ingest') },
      { run: 'sse' },
    );
    await read;
    ac.abort();
    expect(text).toContain('event: alert');
    expect(text).toContain('"rule_id":"safety-control-tampering"');
  });

  it('lists and filters alerts; evidence holds event ids', async () => {
    const all = (await api(s, '/v1/alerts', { key: analyst })).body as { alerts: AlertRecord[] };
    alert = all.alerts.find((a) => a.rule_id === 'safety-control-tampering')!;
    expect(alert).toMatchObject({ severity: 'P1', status: 'open', entity: { value: 'eve-contractor-sse' } });
    await s.ctx.ingestor.flush();
    const ev = await s.ctx.store.queryEvents({ ids: alert.evidence, limit: 10 });
    expect(ev.events.length).toBe(alert.evidence.length);
    expect(
      ((await api(s, '/v1/alerts?severity=P4', { key: analyst })).body as { alerts: unknown[] }).alerts,
    ).toEqual([]);
    expect((await api(s, '/v1/alerts?status=bogus', { key: analyst })).status).toBe(400);
    expect((await api(s, '/v1/alerts', { key: s.key('finops') })).status).toBe(403);
  });

  it('groups a repeat firing for the same entity into the open alert', async () => {
    await runScenario(
      scenarioByName('safety-control-tampering')!,
      { url: s.url, key: s.key('ingest') },
      { run: 'sse', now: Date.now() + 10 * 60_000 },
    );
    const again = (await api(s, `/v1/alerts/${alert.id}`, { key: analyst })).body as AlertRecord;
    expect(again.count).toBeGreaterThan(1);
    const list = (await api(s, '/v1/alerts?rule=safety-control-tampering', { key: analyst })).body as {
      alerts: AlertRecord[];
    };
    expect(list.alerts.length).toBe(1);
  });

  it('acknowledges, comments (redacted), resolves; refuses an invalid transition; audits each change', async () => {
    const ack = await api(s, `/v1/alerts/${alert.id}/ack`, { key: analyst, method: 'POST', body: {} });
    expect((ack.body as AlertRecord).status).toBe('acknowledged');
    const c = await api(s, `/v1/alerts/${alert.id}/comments`, {
      key: analyst,
      body: { text: 'called eve, key sk-proj-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(c.status).toBe(201);
    const comment = (c.body as AlertRecord).comments[0]!;
    expect(comment.author).toBe('ana');
    expect(comment.text).not.toContain('sk-proj-AAAA');
    expect(
      (await api(s, `/v1/alerts/${alert.id}/comments`, { key: analyst, body: { text: '' } })).status,
    ).toBe(400);
    const res = await api(s, `/v1/alerts/${alert.id}/resolve`, { key: analyst, method: 'POST', body: {} });
    expect((res.body as AlertRecord).status).toBe('resolved');
    expect(
      (await api(s, `/v1/alerts/${alert.id}/ack`, { key: analyst, method: 'POST', body: {} })).status,
    ).toBe(409);
    expect((await api(s, `/v1/alerts/nope/ack`, { key: analyst, method: 'POST', body: {} })).status).toBe(
      404,
    );
    const audit = await s.ctx.store.listAudit({ limit: 100 });
    expect(audit.filter((r) => r.target === alert.id).map((r) => r.action)).toEqual([
      'alert.acknowledged',
      'alert.comment',
      'alert.resolved',
    ]);
  });

  it('lists the rules with ATLAS mapping and test status', async () => {
    const r = (await api(s, '/v1/rules', { key: analyst })).body as {
      rules: { id: string; atlas: { technique: string }; tests: { passed: boolean } }[];
    };
    expect(r.rules.length).toBeGreaterThanOrEqual(30);
    expect(r.rules.every((x) => x.tests.passed && /^AML\.T\d{4}/.test(x.atlas.technique))).toBe(true);
  });
});
