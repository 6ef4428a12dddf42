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

  it('audits rules added, changed, switched off and removed between starts, by rule id', async () => {
    const rulesDir = mkdtempSync(join(tmpdir(), 'sl-rules-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'sl-change-rules-'));
    const rule = (severity: string) => `id: custom-egress-watch
name: Egress to a watched host
description: Calls to a host the team watches.
severity: ${severity}
type: match
threat:
  - { framework: MITRE ATLAS, tactic: AML.TA0010, technique: AML.T0025 }
owasp: [LLM02]
note: Check what was sent.
false_positives: [Planned integrations.]
where:
  kind: egress
  egress.destination: watched.example
tests:
  - { name: hit, expect: alert, events: [{ kind: egress, egress: { destination: watched.example } }] }
  - { name: miss, expect: none, events: [{ kind: egress, egress: { destination: other.example } }] }
`;
    const { writeFileSync } = await import('node:fs');
    const boot = (config: SightlineConfigInput) =>
      startSightline({
        log: silentLogger,
        listen: false,
        modules: [changeAuditModule({ intervalMs: 1000 })],
        config: parseConfig({ data_dir: dataDir, pipeline: { workers: 0 }, ...config }),
      });
    const ruleActions = async (r: RunningSightline) =>
      (await r.ctx.store.listAudit())
        .filter((a) => a.action.startsWith('rule'))
        .map((a) => `${a.action} ${a.target}`);
    try {
      running = await boot({ rules: { dirs: [rulesDir] } });
      expect(await ruleActions(running)).toEqual(['rules.initial rules']);
      await running.stop();

      writeFileSync(join(rulesDir, 'watch.yaml'), rule('P3'));
      running = await boot({ rules: { dirs: [rulesDir] } });
      expect((await ruleActions(running)).at(-1)).toBe('rule.add custom-egress-watch');
      await running.stop();

      writeFileSync(join(rulesDir, 'watch.yaml'), rule('P2'));
      running = await boot({ rules: { dirs: [rulesDir], disabled: ['off-hours-access'] } });
      expect((await ruleActions(running)).slice(-2)).toEqual([
        'rule.change custom-egress-watch',
        'rule.change off-hours-access',
      ]);
      await running.stop();

      rmSync(join(rulesDir, 'watch.yaml'));
      running = await boot({ rules: { dirs: [rulesDir], disabled: ['off-hours-access'] } });
      expect((await ruleActions(running)).at(-1)).toBe('rule.remove custom-egress-watch');
      expect((await running.ctx.audit.verify()).ok).toBe(true);
    } finally {
      await running?.stop();
      running = undefined;
      rmSync(rulesDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
