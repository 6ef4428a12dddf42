import { loadConfig } from '../../config/load.js';
import { dataPath, startSightline } from '../../server.js';
import type { Command } from '../command.js';

const command: Command = {
  name: 'serve',
  summary: 'run the API, gateway, receivers and dashboard on the embedded store',
  usage: `Usage: sightline serve [--config FILE] [--port N] [--host ADDR] [--data-dir DIR]

Starts Sightline. Configuration comes from FILE (YAML) or SIGHTLINE_CONFIG, then environment
variables (SIGHTLINE_PORT, SIGHTLINE_HOST, SIGHTLINE_DATA_DIR), then these flags.
SIGINT/SIGTERM stop it gracefully: accepted events are flushed to the store first.`,
  options: {
    config: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  async run({ values }) {
    const base = loadConfig({ file: values.config as string | undefined });
    const config = loadConfig({
      file: values.config as string | undefined,
      overrides: {
        ...(values['data-dir'] ? { data_dir: values['data-dir'] as string } : {}),
        server: {
          ...base.server,
          ...(values.port !== undefined ? { port: Number(values.port) } : {}),
          ...(values.host !== undefined ? { host: values.host as string } : {}),
        },
      },
    });
    // Handlers go in before anything is printed: a supervisor that reacts to "running at" with a
    // SIGTERM must get a flushing shutdown, not the default kill.
    let signalled: string | undefined;
    let onSignal: (signal: string) => void = (signal) => (signalled ??= signal);
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    const running = await startSightline({ config });
    return new Promise<number>((resolve) => {
      onSignal = (signal: string) => {
        console.log(`${signal}: flushing and stopping…`);
        running.stop().then(
          () => resolve(0),
          (e: Error) => {
            console.error(`shutdown failed: ${e.message}`);
            resolve(1);
          },
        );
      };
      if (signalled) onSignal(signalled);
      else {
        console.log(`Sightline is running at ${running.url}  (dashboard: ${running.url}/)`);
        console.log(`Admin key (first run): ${dataPath(config, 'bootstrap-admin.key')}`);
      }
    });
  },
};
export default command;
