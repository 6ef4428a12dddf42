import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/simulate/run.js';
import { scenarioByName } from '../../src/simulate/scenarios.js';
import type { AlertRecord } from '../../src/store/alert-types.js';
import { api, startTestServer, type TestServer } from '../support/server.js';

// `rules.source: store` on the embedded store: the whole service (lease, tail, checkpoint, alerts)
// in one server, reading its events back from DuckDB instead of listening to the ingestor.
describe('rules in store mode on DuckDB', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({
      rules: { dry_run: true, source: 'store', tail: { lag_ms: 200, poll_ms: 100, lease_ttl_ms: 3000 } },
    });
  });
  afterAll(() => s.close());

  it('raises the scenario’s alert from stored events and keeps a checkpoint', async () => {
    await runScenario(
      scenarioByName('safety-control-tampering')!,
      { url: s.url, key: s.key('ingest') },
      {
        run: 'store-mode',
      },
    );
    const analyst = s.key('analyst', 'ana');
    let found: AlertRecord | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      const { alerts } = (await api(s, '/v1/alerts', { key: analyst })).body as { alerts: AlertRecord[] };
      found = alerts.find((a) => a.rule_id === 'safety-control-tampering');
      if (!found) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toMatchObject({ status: 'open', entity: { value: 'eve-contractor-store-mode' } });
    // The checkpoint is written just after the page's alerts, so the alert can be listed first.
    let saved: string | undefined;
    for (let i = 0; i < 50 && !saved; i++) {
      saved = await s.ctx.store.getState('rules.tail.checkpoint');
      if (!saved) await new Promise((r) => setTimeout(r, 100));
    }
    const checkpoint = JSON.parse(saved!) as { at_ms: number };
    expect(checkpoint.at_ms).toBeGreaterThan(Date.now() - 60_000);
  });
});
