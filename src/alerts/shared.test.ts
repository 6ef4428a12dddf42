import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../audit/audit-trail.js';
import { rulesConfigSchema } from '../config/rules-schema.js';
import { loadActiveRules } from '../rules/active.js';
import type { Hit } from '../rules/types.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { silentLogger } from '../util/logger.js';
import { AlertManager } from './manager.js';

// Two nodes' alert managers on one store: the rules leader groups firings, an analyst works
// through the other node's API.
const rule = loadActiveRules(rulesConfigSchema.parse({})).rules.find(
  (r) => r.id === 'prompt-injection-indicator',
)!;
let n = 0;
const hit = (caller: string): Hit => ({
  rule,
  ts: Date.now() + n,
  entity: { type: 'caller', value: caller },
  event_ids: [`ev-${++n}`],
  summary: rule.name,
  tenant: 'default',
});

describe('alerts on a store shared by several nodes', () => {
  let store: DuckDbStore;
  let leader: AlertManager;
  let other: AlertManager;
  beforeEach(async () => {
    store = new DuckDbStore({ path: ':memory:' });
    await store.start();
    const deps = { store, audit: new AuditTrail(store), log: silentLogger, shared: true };
    leader = new AlertManager(deps);
    other = new AlertManager(deps);
    await leader.start();
    await other.start();
  });
  afterEach(async () => {
    await leader.stop();
    await other.stop();
    await store.stop();
  });

  const stored = () => store.listAlerts({ rule_id: rule.id, limit: 100 });

  it('keeps a comment and acknowledgement made through another node when the leader groups a firing', async () => {
    leader.enqueue([hit('c1')]);
    await leader.idle();
    const [a] = await stored();
    await other.comment(a!.id, 'looking', 'ana');
    await other.transition(a!.id, 'acknowledged', 'ana');
    leader.enqueue([hit('c1')]);
    await leader.idle();
    const [b, ...rest] = await stored();
    expect(rest).toEqual([]);
    expect(b).toMatchObject({ id: a!.id, status: 'acknowledged', count: 2 });
    expect(b!.comments.map((c) => c.text)).toEqual(['looking']);
  });

  it('opens a new alert for firings after an analyst resolved the old one through another node', async () => {
    leader.enqueue([hit('c2')]);
    await leader.idle();
    const [a] = await stored();
    await other.transition(a!.id, 'resolved', 'ana');
    leader.enqueue([hit('c2')]);
    await leader.idle();
    const all = await stored();
    expect(all).toHaveLength(2);
    expect(all.find((x) => x.id === a!.id)).toMatchObject({ status: 'resolved', count: 1 });
    expect(all.find((x) => x.id !== a!.id)).toMatchObject({ status: 'open', count: 1 });
  });

  it('drops a firing delivered again after a leadership change', async () => {
    const h = hit('c3');
    leader.enqueue([h]);
    await leader.idle();
    leader.enqueue([h, hit('c3')]);
    await leader.idle();
    expect((await stored()).map((x) => x.count)).toEqual([2]);
  });
});
