import { expect, it } from 'vitest';
import { UserExistsError, type OverviewQuery, type Store, type UserRecord } from '../types.js';
import { event } from './fixtures.js';

const H = (h: number, m = 0) =>
  `2026-01-10T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;

const query: OverviewQuery = {
  from: H(10),
  to: H(13),
  bucketSeconds: 3600,
  suspiciousFamilies: ['injection', 'jailbreak'],
  topN: 5,
};

/** Overview aggregates and dashboard users, run inside `runStoreSuite`. */
export function dashboardCases(store: () => Store): void {
  it('computes every overview panel over the range only', async () => {
    const llm = (id: string, ts: string, over: Parameters<typeof event>[0] = {}) =>
      event({
        id,
        ts,
        kind: 'llm.call',
        model: 'gpt-4o',
        caller: 'alice',
        team: 'search',
        latency_ms: 100,
        ...over,
      });
    await store().append(
      [
        llm('old', H(8), { caller: 'old-timer' }), // before the range: not counted, but makes old-timer not new
        llm('a1', H(10, 5), { caller: 'old-timer', llm: { total_tokens: 100, cost_usd: 1 } }),
        llm('a2', H(10, 10), {
          llm: { total_tokens: 1000, cost_usd: 2, guardrail_action: 'block' },
          status: 'blocked',
          risk_score: 0.9,
          findings: [
            { category: 'injection.override', detector: 'x', score: 0.9, field: 'prompt', start: 0, end: 4 },
          ],
        }),
        llm('a3', H(12, 30), {
          status: 'error',
          latency_ms: 300,
          llm: { total_tokens: 10, cost_usd: 4 },
          team: undefined,
        }),
        llm('a4', H(12, 40), { caller: 'bob', model: 'claude', llm: { total_tokens: 50, cost_usd: 0.5 } }),
        event({
          id: 'd1',
          ts: H(11, 1),
          kind: 'auth',
          status: 'denied',
          caller: 'mallory',
          auth: { outcome: 'denied' },
        }),
        event({
          id: 'c1',
          ts: H(11, 2),
          kind: 'control',
          caller: 'ops',
          control: { action: 'guardrail.delete' },
        }),
        llm('late', H(13), { caller: 'future' }), // `to` is exclusive
      ].map((e) => ({ event: e })),
    );
    const o = await store().overview(query);
    expect(o.content_filter_blocks?.map((p) => p.v)).toEqual([1, 0, 0]);
    expect(o.content_filter_blocks?.[0]?.t).toBe(H(10));
    expect(o.access_denied?.map((p) => p.v)).toEqual([0, 1, 0]);
    expect(o.tokens_by_identity).toEqual([
      { caller: 'alice', tokens: 1010, requests: 2 },
      { caller: 'old-timer', tokens: 100, requests: 1 },
      { caller: 'bob', tokens: 50, requests: 1 },
    ]);
    expect(o.callers).toEqual({ unique: 5, new: 4 });
    const gpt = o.error_rate_by_model?.find((s) => s.model === 'gpt-4o');
    expect(gpt?.points.map((p) => p.v)).toEqual([0, 0, 1]);
    expect(o.cost_burn_rate).toEqual({
      usd_per_hour: 4.5,
      total_usd: 7.5,
      points: [
        { t: H(10), v: 3 },
        { t: H(11), v: 0 },
        { t: H(12), v: 4.5 },
      ],
    });
    expect(o.suspicious_prompts?.map((p) => [p.id, p.categories])).toEqual([['a2', ['injection.override']]]);
    expect(o.changes?.map((c) => [c.id, c.details.action])).toEqual([['c1', 'guardrail.delete']]);
    const perf = o.model_performance?.find((m) => m.model === 'gpt-4o');
    expect(perf).toMatchObject({ requests: 3, completion_rate: 1 / 3, error_rate: 1 / 3 });
    // Engines may estimate p95 (sampling, t-digest): only its bounds are fixed.
    expect(perf?.latency_p95_ms).toBeGreaterThanOrEqual(100);
    expect(perf?.latency_p95_ms).toBeLessThanOrEqual(300);
    expect(perf?.throughput_rpm).toBeCloseTo(3 / 180);
    expect(o.team_usage).toEqual([
      { team: '(none)', tokens: 10, cost_usd: 4, requests: 1 },
      { team: 'search', tokens: 1150, cost_usd: 3.5, requests: 3 },
    ]);
  });

  it('limits the overview to a tenant and to the panels asked for', async () => {
    await store().append([
      { event: event({ id: 't1', ts: H(10, 1), tenant: 'acme', status: 'denied', caller: 'x' }) },
      { event: event({ id: 't2', ts: H(10, 2), tenant: 'other', status: 'denied', caller: 'y' }) },
    ]);
    const o = await store().overview({ ...query, tenant: 'acme', panels: ['access_denied', 'callers'] });
    expect(o.access_denied?.[0]?.v).toBe(1);
    expect(o.callers).toEqual({ unique: 1, new: 1 });
    expect(o.tokens_by_identity).toBeUndefined();
  });

  it('treats overview parameters as data, never as SQL', async () => {
    await store().append([{ event: event({ id: 'x', ts: H(10, 1), status: 'denied' }) }]);
    const o = await store().overview({
      ...query,
      tenant: "x' OR 1=1 --",
      suspiciousFamilies: ["a' OR '1'='1"],
    });
    expect(o.access_denied?.every((p) => p.v === 0)).toBe(true);
    expect(o.suspicious_prompts).toEqual([]);
  });

  it('stores dashboard users and refuses a duplicate name', async () => {
    const u: UserRecord = {
      id: 'u1',
      name: 'ana',
      role: 'analyst',
      tenant: 'default',
      password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
      created_at: '2026-01-10T12:00:00.000Z',
    };
    await store().createUser(u);
    await store().createUser({ ...u, id: 'u2', name: 'fin', role: 'finops', team: 'finance' });
    expect(await store().getUser('ana')).toEqual(u);
    expect(await store().getUser('nobody')).toBeUndefined();
    expect((await store().listUsers()).map((x) => [x.name, x.role, x.team])).toEqual([
      ['ana', 'analyst', undefined],
      ['fin', 'finops', 'finance'],
    ]);
    await expect(store().createUser({ ...u, id: 'u3' })).rejects.toBeInstanceOf(UserExistsError);
  });
}
