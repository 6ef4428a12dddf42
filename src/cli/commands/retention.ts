import { loadConfig } from '../../config/load.js';
import { openLocal } from '../../governance/local-context.js';
import { runRetention, type RetentionReport } from '../../governance/retention-job.js';
import { UsageError, type Command } from '../command.js';

function print(r: RetentionReport): void {
  const verb = r.dry_run ? 'would delete' : 'deleted';
  console.log(`${verb}: content ${r.content}`);
  for (const [cls, n] of Object.entries(r.metadata)) console.log(`${verb}: ${cls} metadata ${n}`);
  console.log(`${r.dry_run ? 'would shred' : 'shredded'} day keys: ${r.shredded_days.join(', ') || 'none'}`);
  console.log(
    `usage rollups: ${r.usage_calls_rolled_up} calls added, ${r.usage_rollups_pruned} tenant-days pruned`,
  );
}

const command: Command = {
  name: 'retention',
  summary: 'apply retention now: delete expired records and shred expired content keys',
  usage: `Usage:
  sightline retention run [--dry-run] [--json]

Deletes records older than their log class's retention (governance.retention in the config:
control 365 d, invocation 90, guardrail 90, content 30, usage rollups 365 by default; tenants may
override), destroys the data keys of days no tenant keeps content for, and records the run in the
audit trail. --dry-run counts without deleting (and is audited too). Run it with the server
stopped; a running server applies retention every governance.retention.interval_minutes.`,
  positionals: true,
  options: {
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals[0] !== 'run' || positionals.length > 1) throw new UsageError('expected: retention run');
    const config = loadConfig({
      file: values.config as string | undefined,
      overrides: values['data-dir'] ? { data_dir: values['data-dir'] as string } : {},
    });
    const local = await openLocal(config);
    try {
      const report = await runRetention(
        { ...local, retention: config.governance.retention },
        { dryRun: values['dry-run'] === true, actor: 'cli' },
      );
      if (values.json) console.log(JSON.stringify(report));
      else print(report);
      return 0;
    } finally {
      await local.close();
    }
  },
};
export default command;
