import { randomBytes } from 'node:crypto';
import { IngestClient } from '../client/ingest-client.js';
import type { Scenario } from './scenarios.js';

/** Sends a scenario's events through the ingest API, in event-time order, in batches. */
export async function runScenario(
  scenario: Scenario,
  target: { url: string; key: string },
  opts: { now?: number; run?: string } = {},
): Promise<{ sent: number; accepted: number; run: string }> {
  const run = opts.run ?? randomBytes(3).toString('hex');
  const events = scenario.events(opts.now ?? Date.now(), run);
  const client = new IngestClient({ url: target.url, apiKey: target.key });
  let accepted = 0;
  for (let i = 0; i < events.length; i += 200) {
    const res = await client.sendLines(events.slice(i, i + 200).map((e) => JSON.stringify(e)));
    accepted += res.accepted;
  }
  return { sent: events.length, accepted, run };
}
