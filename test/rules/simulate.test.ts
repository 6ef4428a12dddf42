import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/simulate/run.js';
import { CORRELATED_RULES, SCENARIOS } from '../../src/simulate/scenarios.js';
import type { AlertRecord } from '../../src/store/alert-types.js';
import { api, startTestServer } from '../support/server.js';

async function alertsAfter(server: { url: string }, key: string): Promise<AlertRecord[]> {
  // The list waits for queued firings to be written, so no sleep is needed.
  const res = await api(server, '/v1/alerts?limit=500', { key });
  expect(res.status).toBe(200);
  return (res.body as { alerts: AlertRecord[] }).alerts;
}

describe('sightline simulate scenarios through the ingest API', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name} raises ${scenario.expect ?? 'no alert at all'}`, async () => {
      const server = await startTestServer({ content_logging: { enabled: true } });
      try {
        const r = await runScenario(scenario, { url: server.url, key: server.key('ingest') });
        expect(r.accepted).toBe(r.sent);
        const alerts = await alertsAfter(server, server.key('analyst'));
        const correlated = [
          ...new Set(alerts.map((a) => a.rule_id).filter((id) => CORRELATED_RULES.includes(id))),
        ];
        if (scenario.expect) {
          expect(correlated).toEqual([scenario.expect]);
          const a = alerts.find((x) => x.rule_id === scenario.expect)!;
          expect(a.entity.value).toContain(r.run);
          expect(a.evidence.length).toBeGreaterThan(0);
          expect(a.signals.length).toBeGreaterThan(0);
        } else {
          expect(alerts.map((a) => a.rule_id)).toEqual([]);
        }
      } finally {
        await server.close();
      }
    }, 30_000);
  }
});
