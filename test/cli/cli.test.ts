import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, waitExit, type ChildServer } from '../support/child-server.js';
import { sightline } from '../support/cli.js';

describe('sightline CLI against a running server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-cli-'));
  const dataDir = join(dir, 'data');
  let server: ChildServer;
  beforeAll(async () => {
    server = await spawnServer(dataDir);
  });
  afterAll(async () => {
    server.proc.kill('SIGTERM');
    await waitExit(server.proc);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests a JSONL file, reports bad lines by number and sends the good ones', async () => {
    const file = join(dir, 'events.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ kind: 'llm.call', caller: 'cli-a', model: 'gpt-4o', llm: { input_tokens: 5 } }),
        '{oops',
        JSON.stringify({ kind: 'llm.call', caller: 'cli-b', llm: { input_tokens: -3 } }),
        '',
        JSON.stringify({ kind: 'llm.call', caller: 'cli-c' }),
      ].join('\n'),
    );
    const r = await sightline(['ingest', file, '--url', server.url, '--key', server.key]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('accepted 2, rejected 2');
    expect(r.stderr).toContain(`${file}:2: invalid JSON`);
    expect(r.stderr).toContain(`${file}:3: llm.input_tokens:`);
  });

  it('queries as a table and as JSON', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const table = await sightline(['query', '--url', server.url, '--key', server.key, '--caller', 'cli-a']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/cli-a\s+gpt-4o/);
    const json = await sightline([
      'query',
      '--url',
      server.url,
      '--key',
      server.key,
      '--format',
      'json',
      '--q',
      'cli-',
    ]);
    const page = JSON.parse(json.stdout) as { events: { caller: string }[] };
    expect(page.events.map((e) => e.caller).sort()).toEqual(['cli-a', 'cli-c']);
  });

  it('creates a key the running server accepts within a second, and revokes it', async () => {
    const created = await sightline([
      'keys',
      'create',
      '--role',
      'finops',
      '--principal',
      'fin',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    const { key, id } = JSON.parse(created.stdout) as { key: string; id: string };
    await new Promise((r) => setTimeout(r, 1100));
    const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({ role: 'finops', principal: 'fin' });
    expect((await sightline(['keys', 'revoke', id, '--data-dir', dataDir])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(
      401,
    );
  });

  it('rejects bad usage and bad config with a message naming the problem', async () => {
    const role = await sightline(['keys', 'create', '--role', 'overlord', '--data-dir', dataDir]);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role must be one of/);
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'server:\n  port: "eighty"\n  colour: blue\n');
    const bad = await sightline(['serve', '--config', cfg]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/server\.port: /);
    expect(bad.stderr).toMatch(/server: .*colour/);
    expect((await sightline(['frobnicate'])).stderr).toMatch(/unknown command "frobnicate"/);
  });
});
