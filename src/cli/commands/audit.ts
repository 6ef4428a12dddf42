import { verifyChain, type VerifyResult } from '../../audit/audit-trail.js';
import { loadConfig } from '../../config/load.js';
import { exportAudit } from '../../governance/audit-export.js';
import { DatabaseBusyError, openLocal, type LocalGovernance } from '../../governance/local-context.js';
import { remoteExport, remoteVerify } from '../../governance/remote-audit.js';
import { remoteOptions, resolveRemote } from '../remote.js';
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
export writes every entry, in order, to stdout. With the server running (it holds the database)
both ask its API instead, with --key/SIGHTLINE_API_KEY (auditor or admin) or the bootstrap key.`,
  positionals: true,
  options: {
    format: { type: 'string' },
    'expect-head': { type: 'string' },
    json: { type: 'boolean' },
    config: { type: 'string' },
    ...remoteOptions,
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
    const expected = values['expect-head'] as string | undefined;
    let local: LocalGovernance | undefined;
    try {
      local = await openLocal(config);
    } catch (e) {
      if (!(e instanceof DatabaseBusyError)) throw e;
    }
    // With the server running it holds the database: ask it instead (auditor or admin key).
    const remote = local ? undefined : resolveRemote(values);
    try {
      if (verb === 'export') {
        const chunks = local ? exportAudit(local.store, format) : remoteExport(remote!, format);
        for await (const chunk of chunks) process.stdout.write(chunk);
        return 0;
      }
      const result = local ? verifyChain(await local.store.listAudit()) : await remoteVerify(remote!);
      return report(checkHead(result, expected), values.json === true);
    } finally {
      await local?.close();
    }
  },
};

/** A head kept elsewhere catches what the chain alone cannot: entries cut from the end. */
function checkHead(result: VerifyResult, expected: string | undefined): VerifyResult {
  if (!result.ok || !expected || result.head === expected.toLowerCase()) return result;
  return {
    ...result,
    ok: false,
    problem: {
      seq: result.entries,
      kind: 'deleted',
      message: `the chain ends at entry ${result.entries} with another head than expected: entries were cut from the end or the chain was rewritten`,
    },
  };
}

function report(result: VerifyResult, json: boolean): number {
  if (json) console.log(JSON.stringify(result));
  else if (result.ok)
    console.log(`audit trail intact: ${result.entries} entries, head ${result.head ?? '(empty)'}`);
  else {
    const p = result.problem!;
    console.log(`audit trail BROKEN at entry ${p.seq} (${p.kind}): ${p.message}`);
  }
  return result.ok ? 0 : 1;
}
export default command;
