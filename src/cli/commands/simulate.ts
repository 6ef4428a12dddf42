import { runScenario } from '../../simulate/run.js';
import { SCENARIOS, scenarioByName } from '../../simulate/scenarios.js';
import { UsageError, type Command } from '../command.js';
import { remoteOptions, resolveRemote } from '../remote.js';

const command: Command = {
  name: 'simulate',
  summary: 'send realistic attack or benign traffic to a running server',
  usage: `Usage: sightline simulate SCENARIO [--url URL] [--key KEY]

Scenarios:
${SCENARIOS.map((s) => `  ${s.name.padEnd(28)}${s.description}${s.expect ? ` (raises ${s.expect})` : ''}`).join('\n')}

Events go through the ingest API with event times placed where the scenario needs them (the
credential-compromise attack at the latest off-hours hour, benign load in working hours). Each run
uses fresh identities, so scenarios can be repeated against one server.`,
  positionals: true,
  options: { ...remoteOptions },
  async run({ values, positionals }) {
    const name = positionals[0];
    const scenario = name ? scenarioByName(name) : undefined;
    if (!scenario) throw new UsageError(`name a scenario: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    const r = await runScenario(scenario, resolveRemote(values));
    console.log(
      `${scenario.name}: sent ${r.sent} events, accepted ${r.accepted} (run ${r.run})${scenario.expect ? `; expect alert ${scenario.expect}` : '; expect no alerts'}`,
    );
    return r.accepted === r.sent ? 0 : 1;
  },
};

export default command;
