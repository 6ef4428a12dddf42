import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import type { SightlineConfigInput } from '../../src/config/schema.js';
import { changeAuditModule } from '../../src/governance/change-audit.js';
import { startSightline, type RunningSightline } from '../../src/server.js';
import { silentLogger } from '../../src/util/logger.js';

const dir = mkdtempSync(join(tmpdir(), 'sl-change-'));
let running: RunningSightline | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function start(config: SightlineConfigInput) {
  return startSightline({
    log: silentLogger,
    listen: false,
    modules: [changeAuditModule({ intervalMs: 20 })],
    config: parseConfig({ data_dir: dir, pipeline: { workers: 0 }, ...config }),
  });
}

async function actions(r: RunningSightline): Promise<string[]> {
  return (await r.ctx.store.listAudit()).map((a) => `${a.action} ${a.target}`);
}

describe('change audit', () => {
  it('audits key creation, revocation and configuration changes made outside the API', async () => {
    running = await start({});
    const first = await actions(running);
    expect(first[0]).toBe('config.initial config');
    expect(first.some((a) => a.startsWith('api_key.create'))).toBe(true);
    const { record } = running.ctx.apiKeys.create({ role: 'analyst', principal: 'anna' });
    running.ctx.apiKeys.revoke(record.id);
    const deadline = Date.now() + 5000;
    while (!(await actions(running)).includes(`api_key.revoke ${record.id}`) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const rows = await running.ctx.store.listAudit();
    const created = rows.find((r) => r.target === record.id && r.action === 'api_key.create')!;
    // Created and revoked within one poll still gives both entries, in order.
    expect(rows.filter((r) => r.target === record.id).map((r) => r.action)).toEqual([
      'api_key.create',
      'api_key.revoke',
    ]);
    expect(JSON.parse(created.details)).toMatchObject({ role: 'analyst', principal: 'anna' });
    expect(created.details).not.toMatch(/hash|sl_/);
    await running.stop();

    running = await start({ content_logging: { enabled: true } });
    const after = (await running.ctx.store.listAudit()).filter((r) => r.action === 'config.change');
    expect(after).toHaveLength(1);
    expect(JSON.parse(after[0]!.details).sections).toEqual(['content_logging']);
    expect((await running.ctx.audit.verify()).ok).toBe(true);
    await running.stop();
    running = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
});
