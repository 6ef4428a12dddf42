import { execFile, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { packagePath } from '../../src/util/package-root.js';
import { spawnServer, waitExit, type ChildServer } from '../support/child-server.js';
import { fixture } from './support.js';

const run = promisify(execFile);
const cli = packagePath('dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'sightline-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI; `input` is piped to its stdin. */
function sightline(args: string[], input?: Buffer) {
  if (!input) {
    return run(process.execPath, [cli, ...args]).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );
  }
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.once('exit', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(input);
  });
}

async function storedEvents(dataDir: string, source: string) {
  const store = new DuckDbStore({ path: join(dataDir, 'sightline.duckdb') });
  await store.start();
  try {
    return (await store.queryEvents({ source, limit: 1000, order: 'asc' })).events;
  } finally {
    await store.stop();
  }
}

describe('sightline import into the local store', () => {
  const dataDir = join(dir, 'local');
  const file = fixture('bedrock', 'invocations.jsonl');

  it('imports the good records, reports bad lines as FILE:LINE, and stores them through the pipeline', async () => {
    const r = await sightline(['import', '--source', 'bedrock', '--data-dir', dataDir, file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bedrock: 13 records → imported 12, duplicates 0, not applicable 0, errors 2');
    expect(r.stderr).toContain(`${file}:11: invalid JSON`);
    expect(r.stderr).toContain(`${file}:12: invalid Bedrock ModelInvocationLog: modelId`);
    const events = await storedEvents(dataDir, 'bedrock');
    expect(events).toHaveLength(12);
    const converse = events.find((e) =>
      e.attributes?.['aws.request_id']?.toString().endsWith('000000000001'),
    );
    expect(converse).toMatchObject({
      caller: 'arn:aws:sts::111122223333:assumed-role/support-bot-role/i-0abc',
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      llm: { input_tokens: 31, output_tokens: 9, total_tokens: 40, cost_usd: expect.any(Number) },
      input_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Content logging is off by default: the prompt went through the pipeline, not into the store.
    expect(converse!.has_content).toBe(false);
    const ssn = events.find((e) => e.attributes?.['aws.request_id']?.toString().endsWith('000000000008'));
    expect(ssn!.findings.map((f) => f.category)).toContain('pii.ssn');
    // The same detectors as on gateway traffic: the injection attempt in the log is scored.
    const injection = events.find((e) =>
      e.attributes?.['aws.request_id']?.toString().endsWith('000000000002'),
    );
    expect(injection!.findings.some((f) => f.category.startsWith('injection.'))).toBe(true);
    expect(injection!.risk_score).toBeGreaterThan(0.5);
  });

  it('adds nothing on a second import of the same file, gzipped and piped through stdin', async () => {
    const r = await sightline(
      ['import', '--source', 'bedrock', '--data-dir', dataDir, '-'],
      gzipSync(readFileSync(file)),
    );
    expect(r.stdout).toContain('imported 0, duplicates 12');
    expect(r.stderr).toContain('(stdin):11: invalid JSON');
    expect(await storedEvents(dataDir, 'bedrock')).toHaveLength(12);
  });

  it('follows a growing file until interrupted', async () => {
    const growing = join(dir, 'growing.jsonl');
    const lines = readFileSync(fixture('vertex', 'audit.jsonl'), 'utf8').split('\n');
    writeFileSync(growing, lines[0] + '\n');
    const p = spawn(process.execPath, [
      cli,
      'import',
      '--source',
      'vertex',
      '--follow',
      '--data-dir',
      join(dir, 'follow'),
      growing,
    ]);
    let stdout = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    await new Promise<void>((resolve) =>
      p.stderr.on('data', (d: Buffer) => d.toString().includes('following') && resolve()),
    );
    appendFileSync(growing, lines.slice(1, 3).join('\n') + '\n');
    await new Promise((r) => setTimeout(r, 700));
    // Written just before the interrupt: still read, because the reader drains once more on stop.
    appendFileSync(growing, lines[3] + '\n');
    p.kill('SIGINT');
    expect(await waitExit(p)).toBe(0);
    expect(stdout).toContain('vertex: 4 records → imported 4');
    expect(await storedEvents(join(dir, 'follow'), 'vertex')).toHaveLength(4);
  });

  it('rejects a missing or unknown source and a missing path with usage errors', async () => {
    expect((await sightline(['import', file])).code).toBe(2);
    expect((await sightline(['import', '--source', 'gcp', file])).stderr).toContain(
      '--source must be one of',
    );
    const r = await sightline(['import', '--source', 'azure', '--data-dir', dataDir, join(dir, 'nope')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope: no such file or directory');
  });
});

describe('sightline import through a running server', () => {
  let server: ChildServer;
  const dataDir = join(dir, 'server');
  beforeAll(async () => {
    server = await spawnServer(dataDir);
  });
  afterAll(async () => {
    server.proc.kill('SIGTERM');
    await waitExit(server.proc);
  });

  it('sends CloudTrail events to the ingest API and deduplicates a re-import', async () => {
    const args = [
      'import',
      '--source',
      'cloudtrail',
      '--url',
      server.url,
      '--key',
      server.key,
      fixture('cloudtrail'),
    ];
    const first = await sightline(args);
    expect(first.stdout).toContain(
      'cloudtrail: 20 records → imported 18, duplicates 0, not applicable 1, errors 2',
    );
    expect(first.stdout).toContain('not applicable: 1 × event source s3.amazonaws.com is not an AI service');
    const again = await sightline(args);
    expect(again.stdout).toContain('imported 0, duplicates 18');
    const res = await fetch(`${server.url}/v1/events?source=cloudtrail&kind=auth`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    const body = (await res.json()) as { events: { auth?: { outcome: string }; source_ip?: string }[] };
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ auth: { outcome: 'denied' }, source_ip: '192.0.2.99' });
  });
});
