import { createSocket } from 'node:dgram';
import { createServer as createHttp, type IncomingMessage } from 'node:http';
import { createServer as createTcp } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rulesConfigSchema } from '../../src/config/rules-schema.js';
import { verifyWebhook } from '../../src/notify/formats.js';
import { Notifier } from '../../src/notify/notifier.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { alertFixture } from '../../src/store/testing/alerts-suite.js';
import { silentLogger } from '../../src/util/logger.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function receiver(statuses: number[] = []): Promise<{ url: string; got: Received[] }> {
  const got: Received[] = [];
  const srv = createHttp((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => srv.close(() => r())));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`, got };
}

async function store() {
  const dir = mkdtempSync(join(tmpdir(), 'sl-notify-'));
  const s = new DuckDbStore({ path: join(dir, 'db.duckdb') });
  await s.start();
  closers.push(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return s;
}

function notifier(s: Awaited<ReturnType<typeof store>>, channels: unknown[], extra = {}) {
  const cfg = rulesConfigSchema.parse({ notify: { channels, backoff_ms: 10, ...extra } }).notify;
  return new Notifier({ store: s, log: silentLogger, config: cfg });
}

describe('escalation channels', () => {
  it('delivers an alert to a webhook on loopback with a valid HMAC signature and no event content', async () => {
    const s = await store();
    const hook = await receiver();
    const alert = alertFixture();
    await s.saveAlert(alert);
    const n = notifier(s, [{ name: 'soc', type: 'webhook', url: hook.url, secret: 'hook-secret' }]);
    n.notify(alert);
    await n.idle();
    expect(hook.got).toHaveLength(1);
    const { headers, body } = hook.got[0]!;
    const sig = String(headers['x-sightline-signature']);
    const ts = String(headers['x-sightline-timestamp']);
    expect(verifyWebhook('hook-secret', ts, body, sig)).toBe(true);
    expect(verifyWebhook('wrong-secret', ts, body, sig)).toBe(false);
    expect(verifyWebhook('hook-secret', ts, body.replace('P1', 'P4'), sig)).toBe(false);
    expect(JSON.parse(body)).toMatchObject({
      type: 'sightline.alert',
      alert: { id: alert.id, severity: 'P1', evidence: ['e1', 'e2'] },
    });
    expect((await s.listDeliveries({ status: 'delivered', limit: 5 })).length).toBe(1);
  });

  it('routes by severity and formats Slack, PagerDuty v2 and OCSF', async () => {
    const s = await store();
    const slack = await receiver();
    const pd = await receiver();
    const ocsf = await receiver();
    const n = notifier(s, [
      { name: 'slack', type: 'slack', url: slack.url, severities: ['P3', 'P4'] },
      { name: 'pd', type: 'pagerduty', url: pd.url, routing_key: 'rk-123', severities: ['P1'] },
      { name: 'siem', type: 'ocsf', url: ocsf.url },
    ]);
    const alert = alertFixture();
    await s.saveAlert(alert);
    n.notify(alert);
    await n.idle();
    expect(slack.got).toHaveLength(0);
    const pdBody = JSON.parse(pd.got[0]!.body);
    expect(pdBody).toMatchObject({
      routing_key: 'rk-123',
      event_action: 'trigger',
      payload: { severity: 'critical', source: 'sightline' },
    });
    expect(pdBody.dedup_key).toContain(alert.dedupe_key);
    const o = JSON.parse(ocsf.got[0]!.body);
    expect(o).toMatchObject({
      class_uid: 2004,
      type_uid: 200401,
      severity_id: 5,
      finding_info: { uid: alert.id, analytic: { uid: alert.rule_id } },
    });
    n.notify(alertFixture({ id: 'al-3', severity: 'P3' }));
    await n.idle();
    expect(JSON.parse(slack.got[0]!.body).text).toContain('[P3]');
  });

  it('records a failed delivery and retries it with backoff until it succeeds', async () => {
    const s = await store();
    const hook = await receiver([500, 502]);
    const alert = alertFixture();
    await s.saveAlert(alert);
    const n = notifier(s, [{ name: 'soc', type: 'webhook', url: hook.url, secret: 'x' }]);
    n.notify(alert);
    await n.idle();
    const [failed] = await s.listDeliveries({ status: 'failed', limit: 5 });
    expect(failed).toMatchObject({ attempts: 1, last_error: 'HTTP 500', channel: 'soc' });
    expect(Date.parse(failed!.next_attempt_at!)).toBeGreaterThan(Date.parse(failed!.updated_at) - 1);
    await n.retryDue(Date.now() + 60_000);
    expect((await s.listDeliveries({ status: 'failed', limit: 5 }))[0]).toMatchObject({
      attempts: 2,
      last_error: 'HTTP 502',
    });
    await n.retryDue(Date.now() + 60_000);
    const done = await s.listDeliveries({ alert_id: alert.id, limit: 5 });
    expect(done).toMatchObject([{ status: 'delivered', attempts: 3 }]);
    expect(hook.got).toHaveLength(3);
  });

  it('gives up after max_attempts and never throws into the caller', async () => {
    const s = await store();
    const n = notifier(s, [{ name: 'dead', type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 'x' }], {
      max_attempts: 1,
    });
    const alert = alertFixture();
    await s.saveAlert(alert);
    expect(() => n.notify(alert)).not.toThrow();
    await n.idle();
    const [d] = await s.listDeliveries({ status: 'failed', limit: 5 });
    expect(d!.next_attempt_at).toBeUndefined();
  });

  it('sends RFC 5424 syslog with a CEF payload over UDP and TCP', async () => {
    const s = await store();
    const udp = createSocket('udp4');
    const udpGot: string[] = [];
    udp.on('message', (m) => udpGot.push(m.toString()));
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => udp.close(() => r())));
    const tcpGot: string[] = [];
    const tcp = createTcp((sock) => sock.on('data', (d) => tcpGot.push(d.toString())));
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => tcp.close(() => r())));
    const n = notifier(s, [
      {
        name: 'u',
        type: 'syslog',
        host: '127.0.0.1',
        port: (udp.address() as AddressInfo).port,
        transport: 'udp',
      },
      {
        name: 't',
        type: 'syslog',
        host: '127.0.0.1',
        port: (tcp.address() as AddressInfo).port,
        transport: 'tcp',
      },
    ]);
    const alert = alertFixture({ summary: 'a=b|c' });
    n.notify(alert);
    await n.idle();
    await expect.poll(() => udpGot.length + tcpGot.length).toBe(2);
    expect(udpGot[0]).toMatch(
      /^<82>1 \d{4}-\d\d-\d\dT[^ ]+ \S+ sightline - ALERT - CEF:0\|Sightline\|Sightline\|[^|]+\|credential-compromise\|Credential compromise\|10\|/,
    );
    expect(udpGot[0]).toContain('msg=a\\=b|c');
    expect(tcpGot.join('')).toMatch(/^\d+ <82>1 /);
  });
});
