import { afterAll, describe, expect, it } from 'vitest';
import { AlertManager } from '../alerts/manager.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { rulesConfigSchema } from '../config/rules-schema.js';
import { Notifier } from '../notify/notifier.js';
import type { ClickHouseStore } from '../store/clickhouse/clickhouse-store.js';
import { chdbNodes, closeChdbClient } from '../store/testing/chdb.js';
import { event } from '../store/testing/fixtures.js';
import type { Store } from '../store/types.js';
import { silentLogger } from '../util/logger.js';
import { loadActiveRules } from './active.js';
import { RuleEngine } from './engine.js';
import { parseCheckpoint, StoreTail, TAIL_CHECKPOINT_KEY } from './store-tail.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterAll(closeChdbClient);

const config = rulesConfigSchema.parse({
  source: 'store',
  // Long enough that renewals delayed by a loaded machine do not flip the leader mid-test.
  tail: { lag_ms: 50, poll_ms: 100, lease_ttl_ms: 3000 },
});
const rules = loadActiveRules(config).rules;

/** One node's rules side: its own store instance, alert manager and tail (as in RulesService). */
function node(store: Store, holder: string) {
  const alerts = new AlertManager({
    store,
    audit: new AuditTrail(store),
    log: silentLogger,
    shared: true,
  });
  const tail = new StoreTail({
    store,
    log: silentLogger,
    alerts,
    notifier: new Notifier({ store, log: silentLogger, config: config.notify }),
    config,
    holder,
    newEngine: () => new RuleEngine(rules, { lateness_ms: 120_000 }),
    process: (engine, events) => alerts.enqueue(engine.process(events).filter((h) => h.rule.alert)),
  });
  return { alerts, tail };
}

/** An llm.call with an injection finding: the built-in match rule alerts once per caller. */
const injection = (caller: string) =>
  event({
    caller,
    ts: new Date().toISOString(),
    ingested_at: new Date().toISOString(),
    findings: [
      {
        category: 'injection.override',
        detector: 'injection',
        score: 0.9,
        field: 'prompt',
        start: 0,
        end: 5,
      },
    ],
  });

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(50);
  }
  return cond();
}

describe('rules over the store (several nodes, one leader)', () => {
  it('one leader alerts on every node’s events; a new leader resumes at the checkpoint with nothing lost or doubled', async () => {
    const [storeA, storeB] = (await chdbNodes('tail', 2)) as [ClickHouseStore, ClickHouseStore];
    const a = node(storeA, 'node-a');
    await a.alerts.start();
    await a.tail.start();
    expect(a.tail.leading).toBe(true);
    const b = node(storeB, 'node-b');
    await b.alerts.start();
    await b.tail.start();
    expect(b.tail.leading).toBe(false);

    const alertsFor = async () =>
      (await storeA.listAlerts({ rule_id: 'prompt-injection-indicator', limit: 100 })).map(
        (x) => x.entity.value,
      );
    // The follower's own live views learn of the leader's alerts (it re-reads the store).
    const seenByB: string[] = [];
    const off = b.alerts.subscribe((ch) => {
      if (ch.alert.rule_id === 'prompt-injection-indicator')
        seenByB.push(`${ch.type}:${ch.alert.entity.value}`);
    });
    // Events written through both nodes' stores.
    await storeA.append([{ event: injection('c1') }, { event: injection('c2') }]);
    await storeB.append([{ event: injection('c3') }]);
    expect(await waitFor(async () => (await alertsFor()).length === 3, 10_000)).toBe(true);
    expect(b.tail.stats.processed).toBe(0);
    expect(await waitFor(async () => seenByB.length >= 3, 5000)).toBe(true);
    expect([...seenByB].sort()).toEqual(['alert:c1', 'alert:c2', 'alert:c3']);
    await b.alerts.syncFromStore();
    expect(seenByB).toHaveLength(3); // nothing new, nothing announced again
    off();

    // The leader stops (gracefully: it releases the lease once its last page is checkpointed).
    await a.tail.stop();
    expect(a.tail.leading).toBe(false);
    await storeB.append([{ event: injection('c4') }, { event: injection('c1') }]);
    // The next renewal (a third of the lease) takes it over, not the lease running out.
    expect(await waitFor(async () => b.tail.leading, 2500)).toBe(true);
    expect(await waitFor(async () => (await alertsFor()).length === 4, 10_000)).toBe(true);

    // A page read again after a takeover (checkpoint behind the alerts) folds into the same alerts.
    await b.tail.stop();
    await storeB.setState(TAIL_CHECKPOINT_KEY, JSON.stringify({ at_ms: 0, id: '' }));
    const c = node(storeB, 'node-c');
    await c.alerts.start();
    await c.tail.start();
    expect(await waitFor(async () => c.tail.leading && c.tail.stats.processed >= 5, 10_000)).toBe(true);
    await c.alerts.idle();
    const all = await storeA.listAlerts({ rule_id: 'prompt-injection-indicator', limit: 100 });
    expect(all.map((x) => x.entity.value).sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    // c1 fired twice (two events); re-reading added nothing.
    expect(all.find((x) => x.entity.value === 'c1')!.count).toBe(2);
    expect(all.filter((x) => x.entity.value !== 'c1').every((x) => x.count === 1)).toBe(true);
    await c.tail.stop();
    await storeA.stop();
    await storeB.stop();
  });

  it('reports a damaged checkpoint by name instead of trusting it', () => {
    expect(parseCheckpoint(undefined)).toBeUndefined();
    expect(parseCheckpoint('{"at_ms":5,"id":"x"}')).toEqual({ at_ms: 5, id: 'x' });
    expect(() => parseCheckpoint('nope')).toThrow(/rules.tail.checkpoint: not JSON/);
    expect(() => parseCheckpoint('{"at_ms":"5"}')).toThrow(/expected \{at_ms: number, id: string\}/);
  });
});
