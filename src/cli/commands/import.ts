import { loadConfig } from '../../config/load.js';
import { emptyCounts, importEvents, type ImportProblem } from '../../importers/import-events.js';
import { expandPaths } from '../../importers/reader/files.js';
import { IMPORTERS } from '../../importers/registry.js';
import { LocalSink, RemoteSink, type ImportSink } from '../../importers/sinks.js';
import { IMPORT_SOURCES, type ImportSource } from '../../importers/types.js';
import { UsageError, type Command } from '../command.js';
import { Progress } from '../progress.js';
import { remoteOptions, resolveRemote } from '../remote.js';

const command: Command = {
  name: 'import',
  summary: 'import cloud AI logs (Bedrock, CloudTrail, Azure OpenAI, Vertex AI) from files or stdin',
  usage: `Usage: sightline import --source ${IMPORT_SOURCES.join('|')} [--follow] PATH...|-
                        [--url URL] [--key KEY] [--data-dir DIR] [--config FILE] [--batch N]

  bedrock     Bedrock model invocation logs (S3 objects, CloudWatch Logs exports)
  cloudtrail  CloudTrail records for Bedrock ({"Records":[...]} files, one per line, EventBridge)
  azure       Azure OpenAI diagnostic logs and Activity Log (storage, Event Hubs, Log Analytics, az CLI)
  vertex      GCP Vertex AI Cloud Audit Logs (sink exports, gcloud logging read --format=json)

PATH is a file or a directory (read recursively); .json, .jsonl and gzip are recognised by
content; - reads stdin. --follow keeps reading one growing file until interrupted.
With --url (or SIGHTLINE_URL) events go to that server's ingest API; otherwise straight into the
local data directory, or through the local server's API when it is running and holds the store.
Every unparseable line is reported as FILE:LINE and skipped. Re-importing a file adds nothing:
event ids are derived from the provider's record ids. Exit code 0 when nothing was rejected.
See docs/sources.md for what is mapped from which field.`,
  positionals: true,
  options: {
    source: { type: 'string' },
    follow: { type: 'boolean' },
    batch: { type: 'string' },
    config: { type: 'string' },
    ...remoteOptions,
  },
  async run({ values, positionals }) {
    const source = values.source as string | undefined;
    if (!source || !(IMPORT_SOURCES as readonly string[]).includes(source))
      throw new UsageError(`--source must be one of ${IMPORT_SOURCES.join(', ')}`);
    if (!positionals.length) throw new UsageError('name at least one file or directory, or - for stdin');
    const batchSize = values.batch ? Number(values.batch) : 1000;
    if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000))
      throw new UsageError('--batch must be 1..10000');
    const paths = expandPaths(positionals);
    const follow = values.follow === true;
    if (follow && (paths.length !== 1 || paths[0] === '-'))
      throw new UsageError('--follow takes exactly one file (stdin is read to its end anyway)');

    const sink = await openSink(values);
    const counts = emptyCounts();
    const problem = (p: ImportProblem) => console.error(`${p.file}:${p.line}: ${p.message}`);
    const progress = new Progress('import');
    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;
    const ac = new AbortController();
    const stop = () => ac.abort();
    if (follow) {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      console.error(`following ${paths[0]}; interrupt (Ctrl-C) to stop`);
    }
    try {
      const batches = importEvents(IMPORTERS[source as ImportSource], paths, counts, {
        follow: follow ? ac.signal : undefined,
        batchSize,
        onProblem: problem,
      });
      for await (const batch of batches) {
        const res = await sink.send(batch);
        accepted += res.accepted;
        duplicates += res.duplicates;
        rejected += res.rejected.length;
        res.rejected.forEach(problem);
        progress.update(
          counts.records,
          `records; imported ${accepted}, duplicates ${duplicates}, errors ${counts.errors}`,
        );
      }
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      progress.done();
      await sink.close();
    }
    const skipped = Object.values(counts.skipped).reduce((a, b) => a + b, 0);
    console.log(
      `${source}: ${counts.records} records → imported ${accepted}, duplicates ${duplicates}, ` +
        `not applicable ${skipped}, errors ${counts.errors + rejected} (into ${sink.where})`,
    );
    for (const [reason, n] of Object.entries(counts.skipped))
      console.log(`  not applicable: ${n} × ${reason}`);
    return counts.errors + rejected === 0 ? 0 : 1;
  },
};

/**
 * An explicit server wins; otherwise the local store, unless a local server holds it, in which
 * case its API is used with the bootstrap key, as `sightline users` does.
 */
async function openSink(values: Record<string, unknown>): Promise<ImportSink> {
  if (values.url !== undefined || process.env.SIGHTLINE_URL) return new RemoteSink(resolveRemote(values));
  const config = loadConfig({
    file: values.config as string | undefined,
    overrides: values['data-dir'] ? { data_dir: values['data-dir'] as string } : {},
  });
  const local = await LocalSink.open(config);
  if (local) return local;
  const host = config.server.host === '0.0.0.0' ? '127.0.0.1' : config.server.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.server.port}`;
  return new RemoteSink(resolveRemote({ ...values, url, 'data-dir': config.data_dir }));
}

export default command;
