import { afterEach, describe, expect, it } from 'vitest';
import { retentionModule } from '../../src/governance/module.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('retention module', () => {
  it('runs on its schedule inside the server and audits the run', async () => {
    server = await startTestServer(
      { pipeline: { workers: 0 } },
      { modules: [retentionModule({ firstRunDelayMs: 10 })] },
    );
    const store = server.ctx.store;
    await until(async () => (await store.listAudit()).some((r) => r.action === 'retention.run'));
    const row = (await store.listAudit()).find((r) => r.action === 'retention.run')!;
    expect(row.actor).toBe('retention-job');
    expect(JSON.parse(row.details)).toMatchObject({ dry_run: false, content: 0 });
  });

  it('does not run when disabled', async () => {
    server = await startTestServer(
      { pipeline: { workers: 0 }, governance: { retention: { enabled: false } } },
      { modules: [retentionModule({ firstRunDelayMs: 10 })] },
    );
    await new Promise((r) => setTimeout(r, 200));
    expect((await server.ctx.store.listAudit()).some((r) => r.action.startsWith('retention'))).toBe(false);
  });
});
