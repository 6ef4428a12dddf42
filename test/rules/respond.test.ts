import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/simulate/run.js';
import { scenarioByName } from '../../src/simulate/scenarios.js';
import type { AlertRecord } from '../../src/store/alert-types.js';
import { startGateway, type GatewayHarness } from '../gateway/support.js';
import { api, startTestServer } from '../support/server.js';

const campaign = scenarioByName('prompt-injection-campaign')!;

describe('automatic response', () => {
  let g: GatewayHarness;
  beforeAll(async () => {
    g = await startGateway();
  });
  afterAll(() => g.close());

  it('block_identity from the campaign alert makes the gateway refuse that caller within one second', async () => {
    const caller = 'mallory-stolen-key-gw';
    const key = g.s.key('app', caller);
    const ok = await g
      .openai(key)
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(ok.choices.length).toBe(1);

    await runScenario(campaign, { url: g.s.url, key: g.s.key('ingest') }, { run: 'gw' });
    const t0 = Date.now();
    let refusedAfter: number | undefined;
    while (Date.now() - t0 < 3000) {
      try {
        await g
          .openai(key, { maxRetries: 0 })
          .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      } catch (e) {
        expect((e as { status?: number }).status).toBe(403);
        refusedAfter = Date.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(refusedAfter).toBeDefined();
    expect(refusedAfter!).toBeLessThan(1000);

    const analyst = g.s.key('analyst');
    const alerts = (await api(g.s, '/v1/alerts?rule=prompt-injection-campaign', { key: analyst })).body as {
      alerts: AlertRecord[];
    };
    const alert = alerts.alerts[0]!;
    expect(alert.actions).toMatchObject([{ type: 'block_identity', target: caller, dry_run: false }]);
    // (Off hours, the gateway call above plus the campaign from a new address on a new model can
    // also raise credential-compromise for the same key: a second, independent block.)
    const entry = g.s.ctx.enforcement.list().find((e) => e.alert_id === alert.id)!;
    expect(entry).toMatchObject({
      type: 'block_identity',
      created_by: 'rule:prompt-injection-campaign',
      alert_id: alert.id,
    });
    const hours = (Date.parse(entry.expires_at) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(0.9);
    expect(hours).toBeLessThanOrEqual(1);
    // Recorded as a control event.
    await g.s.ctx.ingestor.flush();
    const control = await g.s.ctx.store.queryEvents({ kinds: ['control'], limit: 10 });
    expect(
      control.events.some(
        (e) => e.control?.action === 'enforcement.block_identity' && e.control.resource === caller,
      ),
    ).toBe(true);
  }, 20_000);
});

describe('dry-run', () => {
  it('records the action and a control event but changes no enforcement', async () => {
    const s = await startTestServer({ rules: { dry_run: true } });
    try {
      const r = await runScenario(campaign, { url: s.url, key: s.key('ingest') });
      const alerts = (await api(s, '/v1/alerts', { key: s.key('analyst') })).body as {
        alerts: AlertRecord[];
      };
      const a = alerts.alerts.find((x) => x.rule_id === 'prompt-injection-campaign')!;
      expect(a.actions).toMatchObject([
        { type: 'block_identity', target: `mallory-stolen-key-${r.run}`, dry_run: true },
      ]);
      expect(s.ctx.enforcement.list()).toEqual([]);
      await s.ctx.ingestor.flush();
      const control = await s.ctx.store.queryEvents({ kinds: ['control'], limit: 10 });
      expect(control.events.map((e) => e.control?.action)).toContain('enforcement.dry_run.block_identity');
    } finally {
      await s.close();
    }
  }, 20_000);
});
