import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import type { SightlineConfigInput } from '../../src/config/schema.js';
import type { Role } from '../../src/auth/roles.js';
import { startSightline, type RunningSightline, type SightlineOptions } from '../../src/server.js';
import { silentLogger } from '../../src/util/logger.js';

export interface TestServer extends RunningSightline {
  dataDir: string;
  key(role: Role, principal?: string, extra?: { team?: string; tenant?: string; policy?: string }): string;
  close(): Promise<void>;
}

/** A real server on a loopback port with its own data directory, removed on close. */
export async function startTestServer(
  config: SightlineConfigInput = {},
  opts: Partial<Omit<SightlineOptions, 'config'>> = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-test-'));
  const running = await startSightline({
    log: silentLogger,
    ...opts,
    config: parseConfig({ data_dir: dataDir, ...config, server: { port: 0, ...(config.server ?? {}) } }),
  });
  return {
    ...running,
    dataDir,
    key(role, principal = `${role}-user`, extra = {}) {
      return running.ctx.apiKeys.create({ role, principal, ...extra }).key;
    },
    async close() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api(
  server: { url: string },
  path: string,
  init: {
    method?: string;
    key?: string;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: unknown; headers: Headers; text: string }> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(new URL(path, server.url), {
    method: init.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}
