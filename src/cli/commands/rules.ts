import { loadConfig } from '../../config/load.js';
import { loadActiveRules } from '../../rules/active.js';
import { formatLoadError } from '../../rules/loader.js';
import { runRuleTests } from '../../rules/test-runner.js';
import { UsageError, type Command } from '../command.js';

const command: Command = {
  name: 'rules',
  summary: 'List the detection rules or run their tests',
  usage: `sightline rules list [--config FILE] [--json]
sightline rules test [--config FILE] [--rule ID]

list   id, severity, type and ATLAS technique of every rule (built-in pack plus rules.dirs)
test   runs every rule's tests (events in, alert expected or not); exit 1 on any failure`,
  options: {
    config: { type: 'string', short: 'c' },
    json: { type: 'boolean' },
    rule: { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }) {
    const verb = positionals[0];
    if (verb !== 'list' && verb !== 'test') throw new UsageError('expected "list" or "test"');
    const config = loadConfig({ file: values.config as string | undefined });
    const loaded = loadActiveRules(config.rules);
    for (const e of loaded.errors) console.error(formatLoadError(e));
    if (verb === 'list') {
      if (values.json) {
        console.log(
          JSON.stringify(
            loaded.rules.map((r) => ({
              id: r.id,
              severity: r.severity,
              type: r.type,
              enabled: r.enabled,
              threat: r.threat,
            })),
            null,
            2,
          ),
        );
      } else {
        console.log(`${'id'.padEnd(34)}${'sev'.padEnd(5)}${'type'.padEnd(20)}ATLAS technique`);
        for (const r of loaded.rules)
          console.log(
            `${r.id.padEnd(34)}${r.severity.padEnd(5)}${r.type.padEnd(20)}${r.threat.map((t) => t.technique).join(', ')}${r.enabled ? '' : '  (disabled)'}`,
          );
      }
      return loaded.errors.length ? 1 : 0;
    }
    const rules = values.rule ? loaded.rules.filter((r) => r.id === values.rule) : loaded.rules;
    if (values.rule && rules.length === 0) throw new UsageError(`no rule with id ${String(values.rule)}`);
    // A correlation's tests need its signal rules, so tests always see the whole set.
    const results = rules.flatMap((r) => runRuleTests(r, loaded.rules));
    let failed = 0;
    for (const r of results) {
      if (!r.passed) failed++;
      console.log(
        `${r.passed ? 'ok  ' : 'FAIL'} ${r.rule}: ${r.test} (expected ${r.expect}, fired ${r.fired})${r.error ? ` — ${r.error}` : ''}`,
      );
    }
    console.log(
      `${results.length - failed}/${results.length} rule tests passed across ${rules.length} rules`,
    );
    return failed || loaded.errors.length ? 1 : 0;
  },
};

export default command;
