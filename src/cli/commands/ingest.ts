import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { IngestClient } from '../../client/ingest-client.js';
import { UsageError, type Command } from '../command.js';
import { Progress } from '../progress.js';
import { remoteOptions, resolveRemote } from '../remote.js';

const command: Command = {
  name: 'ingest',
  summary: 'send events from a JSONL or JSON file (or stdin) to a running server',
  usage: `Usage: sightline ingest FILE|- [--url URL] [--key KEY] [--batch N]

FILE holds one event per line (JSONL), or one JSON array. Bad lines are reported with their line
number and skipped; every good line is sent. Exit code 0 when all lines were accepted, 1 otherwise.`,
  positionals: true,
  options: { ...remoteOptions, batch: { type: 'string' } },
  async run({ values, positionals }) {
    const file = positionals[0];
    if (!file) throw new UsageError('name a file, or - for stdin');
    const batchSize = values.batch ? Number(values.batch) : 1000;
    if (!(batchSize >= 1 && batchSize <= 50_000)) throw new UsageError('--batch must be 1..50000');
    const remote = resolveRemote(values);
    const client = new IngestClient({ url: remote.url, apiKey: remote.key });
    const input = file === '-' ? process.stdin : createReadStream(file);
    const size = file === '-' ? undefined : statSync(file).size;
    const progress = new Progress('ingest', size);
    let bytes = 0;
    let accepted = 0;
    let rejected = 0;
    let duplicates = 0;
    let lineNo = 0;
    let batch: { line: number; text: string }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const sent = batch;
      batch = [];
      const res = await client.sendLines(sent.map((b) => b.text));
      accepted += res.accepted;
      duplicates += res.duplicates;
      rejected += res.rejected;
      for (const err of res.errors) {
        const where = sent[err.index]?.line ?? '?';
        console.error(
          `${file}:${where}: ${err.path ? `${err.path}: ` : ''}${err.message.replace(/^line \d+: /, '')}`,
        );
      }
      progress.update(bytes, `accepted ${accepted}, rejected ${rejected}`);
    };
    const rl = createInterface({ input, crlfDelay: Infinity });
    let first = true;
    for await (const raw of rl) {
      lineNo++;
      bytes += Buffer.byteLength(raw) + 1;
      const text = raw.trim();
      if (!text) continue;
      if (first && text.startsWith('[')) {
        // A JSON array file: read it whole and send its elements as lines.
        rl.close();
        return await sendArray(file, client, lineNo, text, input, (a, r, d) => {
          accepted = a;
          rejected = r;
          duplicates = d;
        }).then(() => summary(accepted, rejected, duplicates));
      }
      first = false;
      batch.push({ line: lineNo, text });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    progress.done();
    return summary(accepted, rejected, duplicates);
  },
};

function summary(accepted: number, rejected: number, duplicates: number): number {
  console.log(`accepted ${accepted}, rejected ${rejected}, duplicates ${duplicates}`);
  return rejected === 0 ? 0 : 1;
}

async function sendArray(
  file: string,
  client: IngestClient,
  _line: number,
  firstLine: string,
  input: NodeJS.ReadableStream,
  set: (a: number, r: number, d: number) => void,
): Promise<void> {
  let text = firstLine;
  for await (const chunk of input) text += chunk.toString();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`${file}: starts with [ but is not a valid JSON array`);
  }
  if (!Array.isArray(doc)) throw new Error(`${file}: expected a JSON array`);
  let a = 0;
  let r = 0;
  let d = 0;
  for (let i = 0; i < doc.length; i += 1000) {
    const res = await client.sendEvents(doc.slice(i, i + 1000));
    a += res.accepted;
    r += res.rejected;
    d += res.duplicates;
    for (const err of res.errors)
      console.error(`${file}[${i + err.index}]: ${err.path ? `${err.path}: ` : ''}${err.message}`);
  }
  set(a, r, d);
}

export default command;
