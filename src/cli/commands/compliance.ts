import { loadConfig } from '../../config/load.js';
import { complianceReport, type ComplianceReport } from '../../governance/compliance-report.js';
import { openLocal } from '../../governance/local-context.js';
import { UsageError, type Command } from '../command.js';

function print(r: ComplianceReport): void {
  const o = r.retention.overdue;
  console.log(`Compliance report ${r.at}`);
  console.log(
    `retention: ${r.retention.adherent ? 'adherent' : 'NOT adherent'}; overdue content ${o.content}, control ${o.control}, invocation ${o.invocation}, guardrail ${o.guardrail}; unshredded key days ${r.retention.unshredded_days.length}; last run ${r.retention.last_run ?? 'never'}`,
  );
  console.log(
    `pii: content logging ${r.pii.content_logging_enabled ? 'on' : 'off'}, unredacted ${r.pii.unredacted_allowed ? 'ALLOWED' : 'impossible'}, unredacted events ${r.pii.unredacted_events}`,
  );
  const c = r.consent;
  console.log(
    `consent: ${c.required ? 'required' : 'not required'}; callers ${c.callers_granted} granted / ${c.callers_withdrawn} withdrawn; users ${c.users_granted} / ${c.users_withdrawn}`,
  );
  console.log(
    `regions: ${r.regions.restricted_tenants} tenants restricted, ${r.regions.violations} violations`,
  );
  for (const f of r.flags) console.log(`FLAG: ${f}`);
}

const command: Command = {
  name: 'compliance',
  summary: 'report retention adherence, PII handling, consent and region findings',
  usage: `Usage:
  sightline compliance report [--days N] [--json]

Summarises, over the last N days (30 by default): records and content keys kept past retention,
whether content can be stored unredacted and how often it was, consent settings, and events from
regions their tenant may not use. Exit code 1 when anything is flagged. Run with the server stopped.`,
  positionals: true,
  options: {
    days: { type: 'string' },
    json: { type: 'boolean' },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals[0] !== 'report' || positionals.length > 1)
      throw new UsageError('expected: compliance report');
    const windowDays = values.days !== undefined ? Number(values.days) : 30;
    if (!(windowDays > 0)) throw new UsageError('--days must be a positive number');
    const config = loadConfig({
      file: values.config as string | undefined,
      overrides: values['data-dir'] ? { data_dir: values['data-dir'] as string } : {},
    });
    const local = await openLocal(config);
    try {
      const report = await complianceReport({ ...local, config }, { windowDays });
      if (values.json) console.log(JSON.stringify(report));
      else print(report);
      return report.flags.length ? 1 : 0;
    } finally {
      await local.close();
    }
  },
};
export default command;
