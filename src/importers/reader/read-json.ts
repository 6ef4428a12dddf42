import { describeJsonError } from '../../api/errors.js';
import { followBytes } from './follow.js';
import { splitLines, type Line } from './lines.js';
import { openBytes } from './open.js';

/** One parsed JSON value, or the reason a line could not be parsed, with where it came from. */
export type JsonItem =
  | { file: string; line: number; value: unknown; error?: undefined }
  | { file: string; line: number; error: string; value?: undefined };

export interface ReadJsonOptions {
  /** Keep reading a growing file until this aborts (plain files only). */
  follow?: AbortSignal;
  pollMs?: number;
  /** A pretty-printed document larger than this is read line by line instead. */
  maxDocumentBytes?: number;
}

const DEFAULT_MAX_DOCUMENT = 256 * 1024 * 1024;

/**
 * JSON values from a file or stdin, whatever the layout: one value per line (JSONL, NDJSON, Azure
 * `PT1H.json`, Bedrock S3 objects) or one document over many lines (a CloudTrail file, the output
 * of `gcloud logging read --format=json`). The layout is decided by the first non-empty line: if
 * it parses alone, the input is line-oriented, and each bad line is reported and skipped.
 */
export async function* readJson(path: string, opts: ReadJsonOptions = {}): AsyncGenerator<JsonItem> {
  const file = path === '-' ? '(stdin)' : path;
  const bytes = opts.follow
    ? followBytes(path, { signal: opts.follow, pollMs: opts.pollMs })
    : openBytes(path);
  const max = opts.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT;
  let mode: 'start' | 'lines' | 'document' = 'start';
  let doc: Line[] = [];
  let docBytes = 0;
  for await (const l of splitLines(bytes)) {
    if (mode === 'document') {
      doc.push(l);
      docBytes += l.text.length + 1;
      if (docBytes > max) {
        yield* eachLine(file, doc);
        doc = [];
        mode = 'lines';
      }
      continue;
    }
    const text = l.text.trim();
    if (!text) continue;
    if (mode === 'start') {
      const first = parseLine(file, l.line, text);
      if (first.error === undefined || opts.follow || !/^[[{]/.test(text)) {
        mode = 'lines';
        yield first;
      } else {
        mode = 'document';
        doc = [l];
        docBytes = l.text.length + 1;
      }
      continue;
    }
    yield parseLine(file, l.line, text);
  }
  if (mode === 'document' && doc.length) yield* finishDocument(file, doc);
}

/** CloudWatch Logs export tasks write `<ISO time> <message>` lines; the message is the record. */
const EXPORT_PREFIX = /^\d{4}-\d\d-\d\dT[\d:.]{5,20}Z [{[]/;

function parseLine(file: string, line: number, text: string): JsonItem {
  try {
    return { file, line, value: JSON.parse(text) as unknown };
  } catch (e) {
    if (EXPORT_PREFIX.test(text)) return parseLine(file, line, text.slice(text.indexOf(' ') + 1));
    return { file, line, error: describeJsonError(e) };
  }
}

function* eachLine(file: string, lines: Line[]): Generator<JsonItem> {
  for (const l of lines) {
    const text = l.text.trim();
    if (text) yield parseLine(file, l.line, text);
  }
}

/**
 * A multi-line document either parses whole, or it was line-oriented after all with a broken
 * first line (then every line is reported on its own), or it is one broken document, reported
 * once at the line where parsing stopped rather than once per line.
 */
function* finishDocument(file: string, lines: Line[]): Generator<JsonItem> {
  const first = lines[0]!.line;
  const text = lines.map((l) => l.text).join('\n');
  try {
    yield { file, line: first, value: JSON.parse(text) as unknown };
    return;
  } catch (e) {
    const items = [...eachLine(file, lines)];
    if (items.some((i) => i.error === undefined)) {
      yield* items;
      return;
    }
    const pos = /position (\d+)/.exec((e as Error).message);
    const at = pos ? first + countNewlines(text, Number(pos[1])) : first;
    yield { file, line: at, error: `not a valid JSON document (${describeJsonError(e)}); file skipped` };
  }
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
