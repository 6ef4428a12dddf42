import { SETUP_PROVIDERS, SetupParamError } from '../../setup/providers.js';
import { UsageError, type Command } from '../command.js';

const names = Object.keys(SETUP_PROVIDERS) as (keyof typeof SETUP_PROVIDERS)[];

const optionHelp = names
  .map((n) => {
    const lines = Object.entries(SETUP_PROVIDERS[n].options).map(
      ([flag, o]) => `    --${flag.padEnd(24)} ${o.description}${o.default ? ` (default ${o.default})` : ''}`,
    );
    return `  ${n}:\n${lines.join('\n')}`;
  })
  .join('\n');

const allOptions = Object.fromEntries(
  names
    .flatMap((n) => Object.keys(SETUP_PROVIDERS[n].options))
    .map((flag) => [flag, { type: 'string' as const }]),
);

const command: Command = {
  name: 'setup',
  summary: 'print the cloud configuration that turns on the logs the importers read (aws, azure, gcp)',
  usage: `Usage: sightline setup aws|azure|gcp [options]

Prints, for your parameters, the exact configuration to enable AI service logging: JSON documents,
the CLI commands that apply them, and the same as Terraform. Nothing is sent or changed.

${optionHelp}`,
  positionals: true,
  options: allOptions,
  async run({ values, positionals }) {
    const [provider, ...extra] = positionals;
    if (!provider || !(names as string[]).includes(provider) || extra.length)
      throw new UsageError(`name one provider: ${names.join(', ')}`);
    const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    try {
      process.stdout.write(SETUP_PROVIDERS[provider as keyof typeof SETUP_PROVIDERS].generate(given));
    } catch (e) {
      if (e instanceof SetupParamError) throw new UsageError(e.message);
      throw e;
    }
    return 0;
  },
};

export default command;
