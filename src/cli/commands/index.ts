import type { Command } from '../command.js';

/** Every subcommand, in `--help` order. Add one import and one entry per command module. */
export async function loadCommands(): Promise<Command[]> {
  const modules = await Promise.all([
    import('./serve.js'),
    import('./ingest.js'),
    import('./query.js'),
    import('./keys.js'),
    import('./users.js'),
    import('./eval.js'),
    import('./rules.js'),
    import('./simulate.js'),
    import('./import.js'),
    import('./setup.js'),
    import('./retention.js'),
    import('./audit.js'),
    import('./content-keys.js'),
    import('./compliance.js'),
  ]);
  return modules.map((m) => m.default);
}
