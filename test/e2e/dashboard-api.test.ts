import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.js';
import { createDashboardUser } from '../../src/dashboard/users.js';
import { packagePath } from '../../src/util/package-root.js';
import { spawnServer, waitExit } from '../support/child-server.js';
import { api, startTestServer, type TestServer } from '../support/server.js';
import { INJECTION_PROMPT, seedScenario } from './scenario.js';

const PEOPLE: Role[] = ['admin', 'analyst', 'ml_platform', 'finops', 'auditor'];
const MACHINES: Role[] = ['ingest', 'app'];
const PASSWORD = 'correct horse battery staple';

/** Who may call what, checked for every role; the dashboard only mirrors this. */
const MATRIX: {
  name: string;
  path: (id: string) => string;
  allowed: Role[];
  method?: string;
  body?: unknown;
}[] = [
  { name: 'content reveal', path: (id) => `/v1/events/${id}/content`, allowed: ['analyst'] },
  { name: 'search with content', path: () => '/v1/events?include=content&limit=5', allowed: ['analyst'] },
  { name: 'search metadata', path: () => '/v1/events?limit=5', allowed: PEOPLE },
  { name: 'overview', path: () => '/v1/dashboard/overview?range=24h', allowed: PEOPLE },
  { name: 'audit trail', path: () => '/v1/audit?limit=5', allowed: ['admin', 'auditor'] },
  { name: 'list users (keys)', path: () => '/v1/users', allowed: ['admin'] },
  {
    name: 'create user (keys)',
    path: () => '/v1/users',
    method: 'POST',
    body: { name: 'x', role: 'nope', password: 'x' },
    allowed: ['admin'],
  },
];

describe('dashboard API: roles, sessions and CSRF', () => {
  let s: TestServer;
  const keys = new Map<Role, string>();
  let suspiciousId: string;

  beforeAll(async () => {
    s = await startTestServer({
      content_logging: { enabled: true },
      server: { trusted_proxies: ['127.0.0.1'] },
    });
    for (const r of [...PEOPLE, ...MACHINES]) keys.set(r, s.key(r, `${r}-person`, { team: 'finance' }));
    await seedScenario(s.ctx);
    await createDashboardUser(s.ctx.store, { name: 'ana', role: 'analyst', password: PASSWORD });
    await createDashboardUser(s.ctx.store, {
      name: 'fin',
      role: 'finops',
      password: PASSWORD,
      team: 'finance',
    });
    const o = await api(s, '/v1/dashboard/overview?range=24h', { key: keys.get('admin') });
    suspiciousId = (o.body as { suspicious_prompts: { id: string }[] }).suspicious_prompts[0]!.id;
  });
  afterAll(() => s.close());

  for (const row of MATRIX) {
    for (const role of [...PEOPLE, ...MACHINES]) {
      const allowed = row.allowed.includes(role);
      it(`${row.name}: ${role} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const r = await api(s, row.path(suspiciousId), {
          key: keys.get(role),
          method: row.method,
          body: row.body,
        });
        if (allowed) expect(r.status, r.text).toBeLessThan(403);
        else expect(r.status).toBe(403);
        if (!allowed) expect(r.text).not.toContain('SCENARIO-SECRET');
      });
    }
  }

  it('audits every content read, naming the reader and the event', async () => {
    const r = await api(s, `/v1/events/${suspiciousId}/content?reason=triage`, { key: keys.get('analyst') });
    expect((r.body as { content: { prompt: string } }).content.prompt).toContain('Ignore previous');
    const audit = await api(s, '/v1/audit?limit=50', { key: keys.get('auditor') });
    const body = audit.body as {
      entries: { action: string; actor: string; target: string }[];
      verify: { ok: boolean };
    };
    expect(body.verify.ok).toBe(true);
    expect(body.entries).toContainEqual(
      expect.objectContaining({
        action: 'content.read',
        actor: 'analyst:analyst-person',
        target: suspiciousId,
      }),
    );
  });

  it('hides cost panels from roles without costs:read and shows every panel otherwise', async () => {
    const auditor = (await api(s, '/v1/dashboard/overview', { key: keys.get('auditor') })).body as Record<
      string,
      unknown
    >;
    expect(auditor.hidden).toEqual(['cost_burn_rate', 'team_usage', 'tokens_by_identity']);
    expect(auditor.team_usage).toBeUndefined();
    const finops = (await api(s, '/v1/dashboard/overview', { key: keys.get('finops') })).body as Record<
      string,
      unknown
    >;
    for (const p of [
      'content_filter_blocks',
      'tokens_by_identity',
      'callers',
      'error_rate_by_model',
      'cost_burn_rate',
      'suspicious_prompts',
      'changes',
      'access_denied',
      'model_performance',
      'team_usage',
    ])
      expect(finops[p], p).toBeDefined();
    expect(finops.thresholds).toMatchObject({ content_filter_blocks: { warning: 10, critical: 50 } });
    expect(JSON.stringify(finops)).not.toContain('SCENARIO-SECRET');
  });

  async function signIn(body: unknown, headers: Record<string, string> = { origin: s.url }) {
    const res = await fetch(`${s.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, cookie: res.headers.get('set-cookie') ?? '', body: await res.text() };
  }
  const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

  it('signs in with a password: HttpOnly, SameSite=Strict session; content per role', async () => {
    const ana = await signIn({ username: 'ana', password: PASSWORD });
    expect(ana.status).toBe(200);
    expect(ana.cookie).toMatch(/HttpOnly/);
    expect(ana.cookie).toMatch(/SameSite=Strict/);
    expect(ana.cookie).not.toMatch(/Secure/);
    const content = await api(s, `/v1/events/${suspiciousId}/content`, {
      headers: { cookie: cookieOf(ana.cookie) },
    });
    expect(content.status).toBe(200);
    const fin = await signIn({ username: 'fin', password: PASSWORD });
    const refused = await api(s, `/v1/events/${suspiciousId}/content`, {
      headers: { cookie: cookieOf(fin.cookie) },
    });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('SCENARIO-SECRET');
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const r = await signIn(
      { username: 'ana', password: PASSWORD },
      { origin: s.url, 'x-forwarded-proto': 'https' },
    );
    expect(r.cookie).toMatch(/; Secure/);
  });

  it('signs in with an API key of a person role, not a machine role', async () => {
    expect((await signIn({ api_key: keys.get('analyst') })).status).toBe(200);
    expect((await signIn({ api_key: keys.get('ingest') })).status).toBe(401);
    expect((await signIn({ api_key: 'sl_000000000000_' + 'x'.repeat(43) })).status).toBe(401);
  });

  it('ends a key session when the key is revoked, and any session on sign-out', async () => {
    const { key, record } = s.ctx.apiKeys.create({ role: 'auditor', principal: 'temp' });
    const a = cookieOf((await signIn({ api_key: key })).cookie);
    expect((await api(s, '/v1/session', { headers: { cookie: a } })).status).toBe(200);
    s.ctx.apiKeys.revoke(record.id);
    expect((await api(s, '/v1/session', { headers: { cookie: a } })).status).toBe(401);
    const b = cookieOf((await signIn({ username: 'ana', password: PASSWORD })).cookie);
    await api(s, '/v1/session', { method: 'DELETE', headers: { cookie: b, origin: s.url } });
    expect((await api(s, '/v1/session', { headers: { cookie: b } })).status).toBe(401);
  });

  it('refuses state changes and sign-in from another origin', async () => {
    const admin = await signIn({ api_key: keys.get('admin') });
    const cookie = cookieOf(admin.cookie);
    const body = { name: 'csrf-victim', role: 'admin', password: 'a very long password' };
    for (const headers of [{ cookie }, { cookie, origin: 'https://evil.example' }] as Record<
      string,
      string
    >[]) {
      expect((await api(s, '/v1/users', { body, headers })).status).toBe(401);
    }
    expect((await api(s, '/v1/users', { body, headers: { cookie, origin: s.url } })).status).toBe(201);
    expect(
      (await signIn({ username: 'ana', password: PASSWORD }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
  });

  it('slows down password guessing and records failures as auth events', async () => {
    for (let i = 0; i < 10; i++)
      expect(
        (
          await signIn(
            { username: 'ana', password: 'wrong' },
            { origin: s.url, 'x-forwarded-for': '198.51.100.7' },
          )
        ).status,
      ).toBe(401);
    const r = await signIn(
      { username: 'ana', password: PASSWORD },
      { origin: s.url, 'x-forwarded-for': '198.51.100.7' },
    );
    expect(r.status).toBe(429);
    await s.ctx.ingestor.flush();
    const denied = await api(s, '/v1/events?kind=auth&source_ip=198.51.100.7&limit=20', {
      key: keys.get('admin'),
    });
    expect((denied.body as { events: unknown[] }).events.length).toBe(10);
    expect(denied.text).not.toContain('wrong');
  });

  it('serves the dashboard with a strict CSP and no content in the page', async () => {
    const res = await fetch(`${s.url}/`);
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(html).not.toContain(INJECTION_PROMPT);
    expect((await fetch(`${s.url}/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('sightline users CLI', () => {
  const cli = packagePath('dist', 'src', 'cli', 'main.js');
  const dir = mkdtempSync(join(tmpdir(), 'sightline-users-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], stdin: string) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      const child = execFile(process.execPath, [cli, ...args], (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
      );
      child.stdin?.end(stdin);
    });

  it('creates a user with the password from stdin, never argv, and refuses a duplicate', async () => {
    const ok = await run(
      ['users', 'create', '--role', 'analyst', '--name', 'cli-ana', '--data-dir', dir],
      `${PASSWORD}\n`,
    );
    expect(ok.out).toContain('created analyst user cli-ana');
    expect(ok.code).toBe(0);
    const dup = await run(
      ['users', 'create', '--role', 'analyst', '--name', 'cli-ana', '--data-dir', dir],
      `${PASSWORD}\n`,
    );
    expect(dup.code).toBe(2);
    const short = await run(
      ['users', 'create', '--role', 'finops', '--name', 'x', '--data-dir', dir],
      'short\n',
    );
    expect(short.out).toContain('at least 12');
    const list = await run(['users', 'list', '--data-dir', dir], '');
    expect(list.out).toMatch(/cli-ana\s+analyst/);
    expect(list.out).not.toContain('scrypt');
  });

  it('creates the user through the API while a running server holds the database', async () => {
    const data = join(dir, 'served');
    const server = await spawnServer(data);
    try {
      const r = await run(
        [
          'users',
          'create',
          '--role',
          'finops',
          '--name',
          'live-fin',
          '--data-dir',
          data,
          '--url',
          server.url,
        ],
        `${PASSWORD}\n`,
      );
      expect(r.out).toContain('created finops user live-fin');
      const signIn = await fetch(`${server.url}/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ username: 'live-fin', password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
    } finally {
      server.proc.kill('SIGTERM');
      await waitExit(server.proc);
    }
  });
});
