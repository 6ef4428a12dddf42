import { expect, it } from 'vitest';
import type { AlertRecord, Store } from '../types.js';

export function alertFixture(over: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 'al-1',
    tenant: 'default',
    rule_id: 'credential-compromise',
    title: 'Credential compromise',
    severity: 'P1',
    status: 'open',
    dedupe_key: 'credential-compromise|caller:svc',
    entity: { type: 'caller', value: 'svc' },
    created_at: '2026-01-10T10:00:00.000Z',
    updated_at: '2026-01-10T10:00:00.000Z',
    last_seen: '2026-01-10T10:00:00.000Z',
    count: 1,
    atlas: { tactic: 'AML.TA0004', technique: 'AML.T0012' },
    owasp: 'LLM10',
    triage: 'Page security.',
    summary: '3 of 4 signals',
    evidence: ['e1', 'e2'],
    signals: ['new-source-ip'],
    comments: [],
    actions: [],
    ...over,
  };
}

/** Alerts and deliveries, run inside `runStoreSuite`. */
export function alertCases(store: () => Store): void {
  it('saves, replaces, gets and filters alerts, newest first', async () => {
    const s = store();
    await s.saveAlert(alertFixture());
    await s.saveAlert(
      alertFixture({
        id: 'al-2',
        severity: 'P3',
        rule_id: 'off-hours-access',
        tenant: 't2',
        created_at: '2026-01-10T11:00:00.000Z',
      }),
    );
    await s.saveAlerts([
      alertFixture({ status: 'acknowledged', comments: [{ author: 'ana', text: 'looking', ts: 'x' }] }),
      alertFixture({ id: 'al-3', tenant: 't3' }),
    ]);
    expect((await s.getAlert('al-3'))?.tenant).toBe('t3');
    const a = await s.getAlert('al-1');
    expect(a?.status).toBe('acknowledged');
    expect(a?.comments).toHaveLength(1);
    expect(await s.getAlert('nope')).toBeUndefined();
    expect((await s.listAlerts({ limit: 10 })).map((x) => x.id)).toEqual(['al-2', 'al-3', 'al-1']);
    expect((await s.listAlerts({ limit: 10, status: ['open'] })).map((x) => x.id)).toEqual(['al-2', 'al-3']);
    expect((await s.listAlerts({ limit: 10, tenant: 'default' })).map((x) => x.id)).toEqual(['al-1']);
    expect((await s.listAlerts({ limit: 10, severity: ['P1'] })).map((x) => x.id)).toEqual(['al-3', 'al-1']);
    expect((await s.listAlerts({ limit: 10, dedupe_key: 'credential-compromise|caller:svc' })).length).toBe(
      3,
    );
    expect((await s.listAlerts({ limit: 1 })).length).toBe(1);
  });

  it('records notification deliveries and finds the failed ones', async () => {
    const s = store();
    const base = {
      alert_id: 'al-1',
      channel: 'hook',
      attempts: 1,
      created_at: '2026-01-10T10:00:00.000Z',
      updated_at: 'x',
    };
    await s.saveDelivery({ ...base, id: 'd1', status: 'failed', last_error: 'HTTP 500' });
    await s.saveDelivery({ ...base, id: 'd2', status: 'delivered' });
    await s.saveDelivery({ ...base, id: 'd1', status: 'failed', attempts: 2, last_error: 'HTTP 502' });
    const failed = await s.listDeliveries({ status: 'failed', limit: 10 });
    expect(failed.map((d) => [d.id, d.attempts, d.last_error])).toEqual([['d1', 2, 'HTTP 502']]);
    expect((await s.listDeliveries({ alert_id: 'al-1', limit: 10 })).length).toBe(2);
  });
}
