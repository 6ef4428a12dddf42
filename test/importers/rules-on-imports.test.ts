import { describe, expect, it } from 'vitest';
import { emptyCounts, importEvents } from '../../src/importers/import-events.js';
import { IMPORTERS } from '../../src/importers/registry.js';
import { RemoteSink } from '../../src/importers/sinks.js';
import type { ImportSource } from '../../src/importers/types.js';
import { api, startTestServer } from '../support/server.js';
import { fixture } from './support.js';

/**
 * The built-in rules fire on imported cloud logs as they do on gateway traffic: each provider's
 * fixtures (written from its documented schema) are imported into a running server, whose rules
 * engine must raise the alerts their attacks and changes call for.
 */
const CASES: [ImportSource, string[], string[]][] = [
  ['bedrock', [fixture('bedrock', 'invocations.jsonl')], ['prompt-injection-indicator']],
  [
    'cloudtrail',
    [fixture('cloudtrail', 'events.jsonl'), fixture('cloudtrail', 'trail.json')],
    ['safety-control-tampering', 'config-drift', 'model-lifecycle-change'],
  ],
  [
    'azure',
    [fixture('azure', 'PT1H.json'), fixture('azure', 'activity-cli.json')],
    ['api-key-where-managed-identity', 'config-drift'],
  ],
  ['vertex', [fixture('vertex', 'audit.jsonl')], ['model-lifecycle-change']],
];

describe('built-in rules on imported cloud logs', () => {
  it.each(CASES)('%s', async (source, paths, expected) => {
    const s = await startTestServer();
    try {
      const sink = new RemoteSink({ url: s.url, key: s.key('ingest', `import-${source}`) });
      for await (const batch of importEvents(IMPORTERS[source], paths, emptyCounts(), {
        onProblem: () => undefined,
      }))
        await sink.send(batch);
      await s.ctx.ingestor.flush();
      const analyst = s.key('analyst', 'sec-ines');
      let rules = new Set<string>();
      for (let i = 0; i < 40 && !expected.every((r) => rules.has(r)); i++) {
        await new Promise((r) => setTimeout(r, 100));
        const res = await api(s, '/v1/alerts?limit=500', { key: analyst });
        rules = new Set((res.body as { alerts: { rule_id: string }[] }).alerts.map((a) => a.rule_id));
      }
      for (const r of expected) expect([...rules], r).toContain(r);
    } finally {
      await s.close();
    }
  });
});
