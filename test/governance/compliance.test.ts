import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceReport } from '../../src/governance/compliance-report.js';
import type { SightlineEvent } from '../../src/events/schema.js';
import { api, startTestServer, type TestServer } from '../support/server.js';

/** Ingests one event per case through the real API (and its worker threads), then reads it back. */
async function ingestAll(
  s: TestServer,
  key: string,
  events: Record<string, unknown>[],
): Promise<Map<string, SightlineEvent>> {
  const res = await api(s, '/v1/events', { key, body: events });
  expect(res.status).toBe(202);
  await s.ctx.ingestor.flush();
  const ids = events.map((e) => e.id as string);
  const page = await s.ctx.store.queryEvents({ ids, limit: 100 });
  return new Map(page.events.map((e) => [e.id, e]));
}

const call = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'llm.call',
  model: 'gpt-4o',
  content: { prompt: `hello from ${id}, mail me at jane.doe@example.com` },
  ...over,
});

describe('consent', () => {
  let s: TestServer;
  let ingest: string;
  beforeAll(async () => {
    s = await startTestServer({
      content_logging: { enabled: true },
      governance: {
        consent: {
          required: true,
          callers: { alice: true, bob: false },
          users: { 'u-yes': true, 'u-no': false },
        },
      },
    });
    ingest = s.key('ingest', 'collector');
  });
  afterAll(() => s.close());

  it('stores content only where consent is recorded, and never where it was withdrawn', async () => {
    const got = await ingestAll(s, ingest, [
      call('c-alice', { caller: 'alice' }),
      call('c-bob', { caller: 'bob' }),
      call('c-carol', { caller: 'carol' }),
      call('c-user-yes', { caller: 'carol', attributes: { 'user.id': 'u-yes' } }),
      call('c-alice-user-no', { caller: 'alice', attributes: { 'user.id': 'u-no' } }),
      call('c-nobody'),
    ]);
    const stored = [...(await s.ctx.store.getSealedContent([...got.keys()])).keys()].sort();
    expect(stored).toEqual(['c-alice', 'c-user-yes']);
    expect(got.get('c-bob')!.has_content).toBe(false);
    // Metadata is still kept and still scanned: consent governs content, not monitoring.
    expect(got.get('c-bob')!.findings.map((f) => f.category)).toContain('pii.email');
  });
});

describe('regions and unredacted content', () => {
  let s: TestServer;
  let ingest: string;
  beforeAll(async () => {
    s = await startTestServer({
      content_logging: { enabled: true, allow_unredacted: true },
      governance: { regions: { default: ['eu-west-1', 'eu-central-1'], tenants: { us: ['us-east-1'] } } },
    });
    ingest = s.key('ingest', 'collector');
  });
  afterAll(() => s.close());

  it('raises compliance.region for regions the tenant may not use, and flags content stored unredacted', async () => {
    const got = await ingestAll(s, ingest, [
      call('r-ok', { region: 'eu-west-1' }),
      call('r-bad', { region: 'us-east-1' }),
      call('r-none'),
    ]);
    // The tenant comes from the ingest key, not from the event.
    const us = await ingestAll(s, s.key('ingest', 'collector-us', { tenant: 'us' }), [
      call('r-us-ok', { region: 'us-east-1' }),
    ]);
    got.set('r-us-ok', us.get('r-us-ok')!);
    expect(got.get('r-us-ok')!.tenant).toBe('us');
    const cats = (id: string) => got.get(id)!.findings.map((f) => f.category);
    expect(cats('r-bad')).toContain('compliance.region');
    for (const id of ['r-ok', 'r-us-ok', 'r-none']) expect(cats(id)).not.toContain('compliance.region');
    for (const id of ['r-ok', 'r-bad']) expect(cats(id)).toContain('compliance.unredacted_content');
    const report = await complianceReport({ store: s.ctx.store, keys: s.ctx.keys, config: s.ctx.config });
    expect(report.regions.violations).toBe(1);
    expect(report.pii).toMatchObject({ unredacted_allowed: true, unredacted_events: 4 });
    expect(report.flags.some((f) => f.includes('regions their tenant is not allowed'))).toBe(true);
  });
});
