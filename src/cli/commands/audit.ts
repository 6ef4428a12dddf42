import { verifyChain } from '../../audit/audit-trail.js';
import { loadConfig } from '../../config/load.js';
import { exportAudit } from '../../governance/audit-export.js';
import { openLocal } from '../../governance/local-context.js';
import { UsageError, type Command } from '../command.js';

const command: Command = {
  name: 'audit',
  summary: 'verify the hash-chained audit trail, or export it',
  usage: `Usage:
  sightline audit verify [--expect-head HASH] [--json]
  sightline audit export [--format jsonl|csv]

verify walks the chain from its first entry and names the first entry that was edited, deleted or
reordered (exit code 1). It prints the head hash: keep it somewhere else (a ticket, a WORM bucket)
and pass it back with --expect-head to also detect entries cut from the end.
export writes every entry, in order, to stdout. Run with the server stopped.`,
  positionals: true,
  options: {
    format: { type: 'string' },
    'expect-head': { type: 'string' },
    json: { type: 'boolean' },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  async run({ values, positionals }) {
    const [verb] = positionals;
    if (verb !== 'verify' && verb !== 'export') throw new UsageError('expected verify or export');
    const format = (values.format as string | undefined) ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format must be jsonl or csv');
    const config = loadConfig({
      file: values.config as string | undefined,
      overrides: values['data-dir'] ? { data_dir: values['data-dir'] as string } : {},
    });
    const local = await openLocal(config);
    try {
      if (verb === 'export') {
        for await (const chunk of exportAudit(local.store, format)) process.stdout.write(chunk);
        return 0;
      }
      const result = verifyChain(await local.store.listAudit());
      const expected = values['expect-head'] as string | undefined;
      if (result.ok && expected && result.head !== expected.toLowerCase()) {
        result.ok = false;
        result.problem = {
          seq: result.entries,
          kind: 'deleted',
          message: `the chain ends at entry ${result.entries} with another head than expected: entries were cut from the end or the chain was rewritten`,
        };
      }
      if (values.json) console.log(JSON.stringify(result));
      else if (result.ok)
        console.log(`audit trail intact: ${result.entries} entries, head ${result.head ?? '(empty)'}`);
      else
        console.log(
          `audit trail BROKEN at entry ${result.problem!.seq} (${result.problem!.kind}): ${result.problem!.message}`,
        );
      return result.ok ? 0 : 1;
    } finally {
      await local.close();
    }
  },
};
export default command;
