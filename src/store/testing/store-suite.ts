import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalKeyProvider } from '../../crypto/local-key-provider.js';
import { open, seal } from '../../crypto/seal.js';
import type { SightlineEvent } from '../../events/schema.js';
import { alertCases } from './alerts-suite.js';
import { dashboardCases } from './dashboard-suite.js';
import { event } from './fixtures.js';
import type { Store, StoredRecord } from '../types.js';

export { event };

export interface StoreSuiteOptions {
  name: string;
  /** A fresh, empty store in `dir`; the suite starts and stops it. */
  newStore(dir: string): Store;
  /** Files the engine writes in `dir`, for the "content unreadable without the key" check. */
  inspectsFiles?: boolean;
}

/** The behaviour every Store engine must have. Run it from each engine's own test file. */
export function runStoreSuite(opts: StoreSuiteOptions): void {
  describe(`Store conformance: ${opts.name}`, () => {
    let dir: string;
    let store: Store;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sightline-store-'));
      store = opts.newStore(dir);
      await store.start();
      await store.start(); // twice is safe
    });
    afterEach(async () => {
      await store.stop();
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('appends and reads back every metadata field', async () => {
      const e = event({
        id: 'full-1',
        caller: 'arn:aws:iam::1:user/alice',
        team: 'search',
        model: 'gpt-4o',
        source_ip: '10.0.0.1',
        trace_id: 't1',
        span_id: 's1',
        latency_ms: 12.5,
        risk_score: 0.8,
        input_hash: 'a'.repeat(64),
        attributes: { env: 'prod', n: 3, ok: true, none: null },
        llm: {
          input_tokens: 10,
          output_tokens: 20,
          total_tokens: 30,
          cost_usd: 0.001,
          guardrail_action: 'flag',
        },
        findings: [
          { category: 'injection.override', detector: 'x', score: 0.9, field: 'prompt', start: 0, end: 5 },
        ],
        input_stats: {
          length: 5,
          special_char_ratio: 0,
          oov_rate: 0,
          entropy: 2,
          invisible_chars: 0,
          non_ascii_ratio: 0,
          scripts: 1,
          script_mix: 0,
        },
      });
      await store.append([{ event: e }]);
      const page = await store.queryEvents({ limit: 10 });
      expect(page.events).toEqual([e]);
    });

    it('filters by time, kind, caller, model, risk, category, guardrail action and text', async () => {
      await store.append([
        { event: event({ id: 'a', ts: '2026-01-01T00:00:00.000Z', caller: 'alice', model: 'gpt-4o' }) },
        {
          event: event({
            id: 'b',
            ts: '2026-01-02T00:00:00.000Z',
            caller: 'bob',
            model: 'claude-3-haiku',
            risk_score: 0.9,
            llm: { guardrail_action: 'block' },
            findings: [
              {
                category: 'injection.override',
                detector: 'd',
                score: 0.9,
                field: 'prompt',
                start: 0,
                end: 1,
              },
            ],
          }),
        },
        {
          event: event({
            id: 'c',
            ts: '2026-01-03T00:00:00.000Z',
            kind: 'auth',
            caller: 'mallory',
            status: 'denied',
            auth: { outcome: 'denied' },
          }),
        },
      ]);
      const ids = async (q: Parameters<Store['queryEvents']>[0]) =>
        (await store.queryEvents(q)).events.map((e) => e.id).sort();
      expect(await ids({ limit: 10, from: '2026-01-02T00:00:00.000Z' })).toEqual(['b', 'c']);
      expect(await ids({ limit: 10, to: '2026-01-02T00:00:00.000Z' })).toEqual(['a']);
      expect(await ids({ limit: 10, kinds: ['auth'] })).toEqual(['c']);
      expect(await ids({ limit: 10, caller: 'alice' })).toEqual(['a']);
      expect(await ids({ limit: 10, model: 'claude-3-haiku' })).toEqual(['b']);
      expect(await ids({ limit: 10, min_risk: 0.5 })).toEqual(['b']);
      expect(await ids({ limit: 10, category: 'injection' })).toEqual(['b']);
      expect(await ids({ limit: 10, category: 'injection.override' })).toEqual(['b']);
      expect(await ids({ limit: 10, category: 'inj' })).toEqual([]);
      expect(await ids({ limit: 10, guardrail_action: 'block' })).toEqual(['b']);
      expect(await ids({ limit: 10, text: 'MALL' })).toEqual(['c']);
      expect(await ids({ limit: 10, status: 'denied' })).toEqual(['c']);
      expect(await store.countEvents({ kinds: ['llm.call'] })).toBe(2);
    });

    it('treats filter values as data, never as SQL', async () => {
      await store.append([{ event: event({ id: 'x', caller: "o'brien" }) }]);
      expect((await store.queryEvents({ limit: 5, caller: "o'brien" })).events).toHaveLength(1);
      expect((await store.queryEvents({ limit: 5, caller: "' OR 1=1 --" })).events).toHaveLength(0);
    });

    it('pages with a stable cursor, newest first', async () => {
      const records: StoredRecord[] = [];
      for (let i = 0; i < 25; i++) {
        const ts = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
        records.push({ event: event({ id: `p${String(i).padStart(2, '0')}`, ts }) });
      }
      await store.append(records);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.queryEvents({ limit: 10, cursor });
        seen.push(...page.events.map((e) => e.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual(records.map((r) => r.event.id).reverse());
      const asc = await store.queryEvents({ limit: 3, order: 'asc' });
      expect(asc.events.map((e) => e.id)).toEqual(['p00', 'p01', 'p02']);
    });

    it('keeps the tiers apart and the content unreadable without its key', async () => {
      const keys = new LocalKeyProvider(join(dir, 'keys'));
      const secret = 'CANARY-CONTENT-7f3a9c prompt text';
      const e = event({ id: 'sealed-1', has_content: true });
      const sealed = seal(keys, e.id, '2026-01-10', JSON.stringify({ prompt: secret }));
      await store.append([{ event: e, sealed }, { event: event({ id: 'plain-1' }) }]);
      const content = await store.getSealedContent(['sealed-1', 'plain-1']);
      expect([...content.keys()]).toEqual(['sealed-1']);
      expect(JSON.parse(open(keys, 'sealed-1', content.get('sealed-1')!))).toEqual({ prompt: secret });
      const meta = JSON.stringify(await store.queryEvents({ limit: 10 }));
      expect(meta).not.toContain('CANARY-CONTENT');
      if (opts.inspectsFiles) {
        await store.stop();
        for (const f of walk(dir)) {
          if (f.includes(`${join(dir, 'keys')}`)) continue;
          expect(readFileSync(f).includes(Buffer.from('CANARY-CONTENT')), f).toBe(false);
        }
        await store.start();
      }
    });

    it('deletes by tier, time, kind and tenant', async () => {
      const keys = new LocalKeyProvider(join(dir, 'keys'));
      const mk = (id: string, ts: string, over: Partial<SightlineEvent> = {}): StoredRecord => {
        const e = event({ id, ts, has_content: true, ...over });
        return { event: e, sealed: seal(keys, id, ts.slice(0, 10), '{"prompt":"x"}') };
      };
      await store.append([
        mk('old', '2025-01-01T00:00:00.000Z'),
        mk('old-other', '2025-01-01T00:00:00.000Z', { tenant: 'other' }),
        mk('old-auth', '2025-01-01T00:00:00.000Z', { kind: 'auth', auth: { outcome: 'allowed' } }),
        mk('new', '2026-06-01T00:00:00.000Z'),
      ]);
      expect(
        await store.deleteEvents({ tier: 'content', before: '2026-01-01T00:00:00.000Z', tenant: 'default' }),
      ).toBe(2);
      expect(
        [...(await store.getSealedContent(['old', 'old-other', 'old-auth', 'new'])).keys()].sort(),
      ).toEqual(['new', 'old-other']);
      expect(
        await store.deleteEvents({
          tier: 'metadata',
          before: '2026-01-01T00:00:00.000Z',
          kinds: ['llm.call'],
        }),
      ).toBe(2);
      const left = (await store.queryEvents({ limit: 10 })).events.map((e) => e.id).sort();
      expect(left).toEqual(['new', 'old-auth']);
    });

    it('counts without deleting on a dry run, and spares excepted tenants', async () => {
      await store.append([
        { event: event({ id: 'a', ts: '2025-01-01T00:00:00.000Z' }) },
        { event: event({ id: 'b', ts: '2025-01-01T00:00:00.000Z', tenant: 'kept' }) },
        { event: event({ id: 'c', ts: '2025-01-01T00:00:00.000Z', tenant: 'third' }) },
      ]);
      const req = { tier: 'metadata' as const, before: '2026-01-01T00:00:00.000Z', exceptTenants: ['kept'] };
      expect(await store.deleteEvents({ ...req, dryRun: true })).toBe(2);
      expect(await store.countEvents()).toBe(3);
      expect(await store.deleteEvents(req)).toBe(2);
      expect((await store.queryEvents({ limit: 10 })).events.map((e) => e.id)).toEqual(['b']);
    });

    it('reports which ids already exist', async () => {
      await store.append([{ event: event({ id: 'e1' }) }, { event: event({ id: 'e2' }) }]);
      expect([...(await store.existingIds(['e1', 'e3', 'e2']))].sort()).toEqual(['e1', 'e2']);
      expect((await store.existingIds([])).size).toBe(0);
    });

    it('tails events in store order from a position, behind a lag, up to a bound', async () => {
      const iso = (ms: number) => new Date(ms).toISOString();
      // Store order, not event time: the later batch carries the older event.
      const first = iso(Date.now() - 50); // one batch, one store position (ties broken by id)
      await store.append([
        { event: event({ id: 'ta2', ingested_at: first }) },
        { event: event({ id: 'ta1', ingested_at: first }) },
      ]);
      await new Promise((r) => setTimeout(r, 30));
      await store.append([
        { event: event({ id: 'tb1', ts: '2026-01-01T00:00:00.000Z', ingested_at: iso(Date.now()) }) },
      ]);
      const start = { at_ms: 0, id: '' };
      const ids = (p: { events: SightlineEvent[] }) => p.events.map((e) => e.id);
      expect(ids(await store.tailEvents({ after: start, lagMs: 0, limit: 10 }))).toEqual([
        'ta1',
        'ta2',
        'tb1',
      ]);
      const p1 = await store.tailEvents({ after: start, lagMs: 0, limit: 2 });
      expect(ids(p1)).toEqual(['ta1', 'ta2']);
      const p2 = await store.tailEvents({ after: p1.last!, lagMs: 0, limit: 2 });
      expect(ids(p2)).toEqual(['tb1']);
      const p3 = await store.tailEvents({ after: p2.last!, lagMs: 0, limit: 2 });
      expect(p3).toEqual({ events: [], last: undefined });
      expect(ids(await store.tailEvents({ after: start, until: p1.last!, lagMs: 0, limit: 10 }))).toEqual([
        'ta1',
        'ta2',
      ]);
      // Nothing was stored an hour ago: the lag holds everything back.
      expect(ids(await store.tailEvents({ after: start, lagMs: 3_600_000, limit: 10 }))).toEqual([]);
    });

    it('keeps audit rows in order and durable state', async () => {
      for (let seq = 1; seq <= 3; seq++) {
        await store.appendAudit({
          seq,
          ts: '2026-01-01T00:00:00.000Z',
          actor: 'admin',
          action: 'key.create',
          target: `k${seq}`,
          details: '{}',
          prev_hash: 'p',
          hash: `h${seq}`,
        });
      }
      expect((await store.listAudit()).map((r) => r.seq)).toEqual([1, 2, 3]);
      expect((await store.listAudit({ afterSeq: 1, limit: 1 })).map((r) => r.target)).toEqual(['k2']);
      expect(await store.getState('k')).toBeUndefined();
      await store.setState('k', 'v1');
      await store.setState('k', 'v2');
      expect(await store.getState('k')).toBe('v2');
    });

    it('grants a lease to one holder at a time and hands it over after expiry', async () => {
      const a = await store.tryAcquireLease('scheduler', 'node-a', 1500);
      expect(a.held).toBe(true);
      const b = await store.tryAcquireLease('scheduler', 'node-b', 1500);
      expect(b).toMatchObject({ held: false, holder: 'node-a' });
      expect((await store.tryAcquireLease('scheduler', 'node-a', 1500)).held).toBe(true); // renewal
      expect((await store.tryAcquireLease('other', 'node-b', 1500)).held).toBe(true); // names are separate
      await new Promise((r) => setTimeout(r, 1700));
      expect((await store.tryAcquireLease('scheduler', 'node-b', 1500)).held).toBe(true);
      expect((await store.tryAcquireLease('scheduler', 'node-a', 1500)).held).toBe(false);
    });

    it('frees a lease its holder releases, and ignores a release by anyone else', async () => {
      expect((await store.tryAcquireLease('handover', 'node-a', 60_000)).held).toBe(true);
      await store.releaseLease('handover', 'node-b'); // not the holder: nothing changes
      expect(await store.tryAcquireLease('handover', 'node-b', 60_000)).toMatchObject({
        held: false,
        holder: 'node-a',
      });
      await store.releaseLease('handover', 'node-a');
      expect((await store.tryAcquireLease('handover', 'node-b', 60_000)).held).toBe(true);
      expect((await store.tryAcquireLease('handover', 'node-a', 60_000)).held).toBe(false);
    });

    it('lets exactly one of several simultaneous claimants win a free lease', async () => {
      const grants = await Promise.all(
        ['n1', 'n2', 'n3', 'n4'].map((h) => store.tryAcquireLease('race', h, 5000)),
      );
      expect(grants.filter((g) => g.held)).toHaveLength(1);
      const winner = grants.find((g) => g.held)!.holder;
      expect(new Set(grants.map((g) => g.holder))).toEqual(new Set([winner]));
    });

    dashboardCases(() => store);
    alertCases(() => store);

    it('survives a restart with its data', async () => {
      await store.append([{ event: event({ id: 'persist' }) }]);
      await store.stop();
      await store.start();
      expect((await store.queryEvents({ limit: 5 })).events.map((e) => e.id)).toEqual(['persist']);
    });
  });
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}
