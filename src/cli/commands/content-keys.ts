import { loadConfig } from '../../config/load.js';
import type { SightlineConfig } from '../../config/schema.js';
import { openLocal } from '../../governance/local-context.js';
import { LocalKeyProvider } from '../../crypto/local-key-provider.js';
import { dataPath } from '../../server.js';
import { UsageError, type Command } from '../command.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The rotation itself needs no database; its audit entry does, which a running server holds. */
async function auditRotation(config: SightlineConfig, id: string): Promise<void> {
  let local;
  try {
    local = await openLocal(config);
  } catch (e) {
    console.error(`warning: rotation not written to the audit trail: ${(e as Error).message}`);
    return;
  }
  try {
    await local.audit.record({ actor: 'cli', action: 'content_key.rotate', target: id });
  } finally {
    await local.close();
  }
}

/** Content-tier data keys; the `keys` command is for API keys. */
const command: Command = {
  name: 'content-keys',
  summary: 'list and rotate the per-day data keys that seal stored content',
  usage: `Usage:
  sightline content-keys list
  sightline content-keys rotate [--day YYYY-MM-DD]

rotate starts a new version of the day's data key (today, UTC, by default): content written from
then on is sealed with it, content already stored stays readable with the older version until
retention shreds the day. A running server picks the new version up within seconds.`,
  positionals: true,
  options: {
    day: { type: 'string' },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  async run({ values, positionals }) {
    const config = loadConfig({
      file: values.config as string | undefined,
      overrides: values['data-dir'] ? { data_dir: values['data-dir'] as string } : {},
    });
    const keys = new LocalKeyProvider(dataPath(config, 'keys'));
    const [verb] = positionals;
    if (verb === 'list') {
      for (const day of keys.listDays()) console.log(`${day}  current ${keys.keyForWrite(day).id}`);
      return 0;
    }
    if (verb === 'rotate') {
      const day = (values.day as string | undefined) ?? new Date().toISOString().slice(0, 10);
      if (!DAY.test(day)) throw new UsageError('--day must be YYYY-MM-DD');
      const id = keys.rotate(day).id;
      console.log(`new data key ${id}`);
      await auditRotation(config, id);
      return 0;
    }
    throw new UsageError('expected list or rotate');
  },
};
export default command;
