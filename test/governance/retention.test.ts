import { afterEach, describe, expect, it } from 'vitest';
import { ContentShreddedError, open } from '../../src/crypto/seal.js';
import { LocalKeyProvider } from '../../src/crypto/local-key-provider.js';
import { runRetention } from '../../src/governance/retention-job.js';
import { readRollups } from '../../src/governance/usage-rollup.js';
import { join } from 'node:path';
import { governanceFixture } from './helpers.js';

const NOW = new Date('2026-06-30T12:00:00.000Z');
// With the defaults: content kept from 2026-05-31, invocation and guardrail from 2026-04-01,
// control from 2025-06-30 (whole UTC days).

type Fixture = Awaited<ReturnType<typeof governanceFixture>>;
let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function seed(f: Fixture) {
  await f.store.append([
    f.record({
      id: 'content-expired',
      ts: '2026-05-30T23:59:59.999Z',
      model: 'm',
      llm: { input_tokens: 10, output_tokens: 5, cost_usd: 0.5 },
    }),
    f.record({ id: 'content-kept', ts: '2026-05-31T00:00:00.000Z' }),
    f.record({ id: 'long-content', ts: '2026-05-30T10:00:00.000Z', tenant: 'long' }),
    f.record(
      {
        id: 'call-expired',
        ts: '2026-03-31T12:00:00.000Z',
        model: 'm',
        llm: { input_tokens: 100, output_tokens: 7, cost_usd: 1 },
      },
      false,
    ),
    f.record({ id: 'call-kept', ts: '2026-04-01T00:00:00.000Z' }, false),
    f.record(
      {
        id: 'guard-expired',
        ts: '2026-03-31T12:00:00.000Z',
        kind: 'guardrail',
        guardrail: { action: 'block' },
      } as never,
      false,
    ),
    f.record(
      {
        id: 'guard-kept',
        ts: '2026-04-01T12:00:00.000Z',
        kind: 'guardrail',
        guardrail: { action: 'block' },
      } as never,
      false,
    ),
    f.record(
      {
        id: 'control-expired',
        ts: '2025-06-29T12:00:00.000Z',
        kind: 'control',
        control: { action: 'update' },
      } as never,
      false,
    ),
    f.record(
      {
        id: 'control-kept',
        ts: '2025-06-30T00:00:01.000Z',
        kind: 'control',
        control: { action: 'update' },
      } as never,
      false,
    ),
  ]);
}

async function ids(f: Fixture): Promise<string[]> {
  return (await f.store.queryEvents({ limit: 100 })).events.map((e) => e.id).sort();
}
async function contentIds(f: Fixture, all: string[]): Promise<string[]> {
  return [...(await f.store.getSealedContent(all)).keys()].sort();
}
const ALL = [
  'content-expired',
  'content-kept',
  'long-content',
  'call-expired',
  'call-kept',
  'guard-expired',
  'guard-kept',
  'control-expired',
  'control-kept',
];

describe('retention', () => {
  it('deletes exactly the expired rows of each class in both tiers and shreds the expired day keys', async () => {
    fx = await governanceFixture();
    await seed(fx);
    const sealedBefore = await fx.store.getSealedContent(['content-expired']);
    const report = await runRetention({ ...fx, retention: fx.config.governance.retention }, { now: NOW });

    expect(report.metadata).toEqual({ control: 1, invocation: 1, guardrail: 1 });
    expect(report.content).toBe(2);
    expect(await ids(fx)).toEqual([
      'call-kept',
      'content-expired',
      'content-kept',
      'control-kept',
      'guard-kept',
      'long-content',
    ]);
    expect(await contentIds(fx, ALL)).toEqual(['content-kept']);
    expect(report.shredded_days).toEqual(['2026-05-30']);
    expect(fx.keys.listDays()).toEqual(['2026-05-31']);

    // A backup taken before the run still holds the sealed record, but no key opens it any more,
    // not even a provider started afresh from the same key directory.
    const backup = sealedBefore.get('content-expired')!;
    const fresh = new LocalKeyProvider(join(fx.dir, 'keys'));
    expect(() => open(fresh, 'content-expired', backup)).toThrow(ContentShreddedError);
    const kept = (await fx.store.getSealedContent(['content-kept'])).get('content-kept')!;
    expect(JSON.parse(open(fresh, 'content-kept', kept))).toEqual({ prompt: 'p-content-kept' });
  });

  it('keeps cost and usage as daily rollups after the invocation rows are gone', async () => {
    fx = await governanceFixture();
    await seed(fx);
    const report = await runRetention({ ...fx, retention: fx.config.governance.retention }, { now: NOW });
    expect(report.usage_calls_rolled_up).toBe(1);
    expect((await readRollups(fx.store))['2026-03-31']).toEqual({
      default: { m: { calls: 1, input_tokens: 100, output_tokens: 7, cost_usd: 1 } },
    });
    // Next year the rollup itself has expired.
    const later = await runRetention(
      { ...fx, retention: fx.config.governance.retention },
      { now: new Date('2027-04-02T00:00:00Z') },
    );
    expect(later.usage_rollups_pruned).toBeGreaterThan(0);
    expect((await readRollups(fx.store))['2026-03-31']).toBeUndefined();
  });

  it('honours per-tenant overrides, and keeps a shared day key while any tenant still needs it', async () => {
    fx = await governanceFixture({ governance: { retention: { tenants: { long: { content: 60 } } } } });
    await seed(fx);
    const report = await runRetention({ ...fx, retention: fx.config.governance.retention }, { now: NOW });
    expect(report.content).toBe(1);
    expect(await contentIds(fx, ALL)).toEqual(['content-kept', 'long-content']);
    expect(report.shredded_days).toEqual([]);
    const sealed = (await fx.store.getSealedContent(['long-content'])).get('long-content')!;
    expect(JSON.parse(open(fx.keys, 'long-content', sealed)).prompt).toBe('p-long-content');
  });

  it('changes nothing on a dry run, reports the same counts, and audits every run', async () => {
    fx = await governanceFixture();
    await seed(fx);
    const deps = { ...fx, retention: fx.config.governance.retention };
    const dry = await runRetention(deps, { now: NOW, dryRun: true });
    expect(await ids(fx)).toEqual([...ALL].sort());
    expect(fx.keys.listDays()).toEqual(['2026-05-30', '2026-05-31']);
    const real = await runRetention(deps, { now: NOW });
    expect({ ...dry, dry_run: false, usage_calls_rolled_up: real.usage_calls_rolled_up }).toEqual(real);
    const audit = await fx.store.listAudit();
    expect(audit.map((a) => a.action)).toEqual(['retention.dry_run', 'retention.run']);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({
      content: 2,
      metadata: { control: 1, invocation: 1, guardrail: 1 },
      shredded_days: ['2026-05-30'],
    });
    expect((await fx.audit.verify()).ok).toBe(true);
  });
});

describe('content keys', () => {
  it('rotation: new writes use the new version, old records stay readable, other processes follow', async () => {
    fx = await governanceFixture();
    const other = new LocalKeyProvider(join(fx.dir, 'keys'));
    const before = fx.record({ id: 'before', ts: '2026-06-30T01:00:00.000Z' });
    expect(before.sealed!.keyId).toBe('2026-06-30.1');
    expect(other.keyForWrite('2026-06-30').id).toBe('2026-06-30.1');
    expect(fx.keys.rotate('2026-06-30').id).toBe('2026-06-30.2');
    const after = fx.record({ id: 'after', ts: '2026-06-30T02:00:00.000Z' });
    expect(after.sealed!.keyId).toBe('2026-06-30.2');
    expect(JSON.parse(open(fx.keys, 'before', before.sealed!)).prompt).toBe('p-before');
    const saved = LocalKeyProvider.RESCAN_MS;
    LocalKeyProvider.RESCAN_MS = 0;
    try {
      expect(other.keyForWrite('2026-06-30').id).toBe('2026-06-30.2');
    } finally {
      LocalKeyProvider.RESCAN_MS = saved;
    }
    expect(fx.keys.shredDay('2026-06-30')).toBe(2);
    expect(() => open(other, 'after', after.sealed!)).toThrow(ContentShreddedError);
  });

  it('a record cannot be opened under another event id', async () => {
    fx = await governanceFixture();
    const r = fx.record({ id: 'a', ts: '2026-06-30T01:00:00.000Z' });
    expect(() => open(fx!.keys, 'b', r.sealed!)).toThrow();
  });
});
