import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { recordId } from '../../src/importers/ids.js';
import { expandPaths } from '../../src/importers/reader/files.js';
import { splitLines } from '../../src/importers/reader/lines.js';
import { readJson, type JsonItem } from '../../src/importers/reader/read-json.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(path: string, opts: Parameters<typeof readJson>[1] = {}): Promise<JsonItem[]> {
  const out: JsonItem[] = [];
  for await (const item of readJson(path, opts)) out.push(item);
  return out;
}

describe('splitLines', () => {
  it('keeps a multi-byte character split across chunks and drops \\r of CRLF', async () => {
    const bytes = Buffer.from('é1\r\nzweï\nlast', 'utf8');
    const chunks = (async function* () {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    })();
    const lines = [];
    for await (const l of splitLines(chunks)) lines.push(l);
    expect(lines).toEqual([
      { line: 1, text: 'é1' },
      { line: 2, text: 'zweï' },
      { line: 3, text: 'last' },
    ]);
  });
});

describe('readJson', () => {
  it('reads JSONL, reports a bad line with its number and keeps the lines around it', async () => {
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, '{"n":1}\n{oops\n\n{"n":3}\n');
    const items = await collect(file);
    expect(items.map((i) => [i.line, i.value ?? i.error])).toEqual([
      [1, { n: 1 }],
      [2, 'invalid JSON at position 1'],
      [4, { n: 3 }],
    ]);
  });

  it('reads CloudWatch Logs export lines, which prefix each message with its time', async () => {
    const file = join(dir, 'cw-export.log');
    writeFileSync(file, '2026-11-20T10:00:00.123Z {"n":1}\n2026-11-20T10:00:01.000Z {oops\n');
    const items = await collect(file);
    expect(items.map((i) => i.value ?? i.error)).toEqual([{ n: 1 }, 'invalid JSON at position 1']);
  });

  it('reads a pretty-printed document (a CloudTrail file) as one value at its first line', async () => {
    const file = join(dir, 'trail.json');
    writeFileSync(file, JSON.stringify({ Records: [{ a: 1 }, { b: 2 }] }, null, 2));
    const items = await collect(file);
    expect(items).toEqual([{ file, line: 1, value: { Records: [{ a: 1 }, { b: 2 }] } }]);
  });

  it('reports a broken multi-line document once, at the line where it breaks', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "Records": [\n    {"a": 1},\n    {"b": 2,,}\n  ]\n}\n');
    const items = await collect(file);
    expect(items).toHaveLength(1);
    expect(items[0]!.line).toBe(4);
    expect(items[0]!.error).toMatch(/not a valid JSON document/);
  });

  it('treats a file whose first line is broken but whose other lines parse as JSONL', async () => {
    const file = join(dir, 'firstbad.jsonl');
    writeFileSync(file, '{"n":1,\n{"n":2}\n{"n":3}\n');
    const items = await collect(file);
    expect(items.map((i) => i.line)).toEqual([1, 2, 3]);
    expect(items[0]!.error).toBeDefined();
    expect(items.slice(1).map((i) => i.value)).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('decompresses gzip by its magic bytes, whatever the file is called', async () => {
    const file = join(dir, 'export-part-0001');
    writeFileSync(file, gzipSync('{"n":1}\n{"n":2}\nnot json\n'));
    const items = await collect(file);
    expect(items.map((i) => i.value ?? i.line)).toEqual([{ n: 1 }, { n: 2 }, 3]);
  });

  it('follows a growing file, including a line completed after a pause, until aborted', async () => {
    const file = join(dir, 'growing.jsonl');
    writeFileSync(file, '{"n":1}\n');
    const ac = new AbortController();
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const item of readJson(file, { follow: ac.signal, pollMs: 20 })) {
        seen.push(item.value);
        if (seen.length === 3) ac.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 80));
    appendFileSync(file, '{"n":2}\n{"n"');
    await new Promise((r) => setTimeout(r, 80));
    appendFileSync(file, ':3}\n');
    await reading;
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
});

describe('expandPaths', () => {
  it('walks directories in name order, skips dot-files, keeps - and names a missing path', () => {
    const d = join(dir, 'tree');
    mkdirSync(join(d, 'b'), { recursive: true });
    writeFileSync(join(d, 'b', '2.json'), '{}');
    writeFileSync(join(d, 'a.json'), '{}');
    writeFileSync(join(d, '.hidden'), '{}');
    expect(expandPaths([d, '-'])).toEqual([join(d, 'a.json'), join(d, 'b', '2.json'), '-']);
    expect(() => expandPaths([join(d, 'nope')])).toThrow(/nope: no such file/);
  });
});

describe('recordId', () => {
  it('is stable for one record, distinct across records and sources, and valid as an event id', () => {
    const a = recordId('cloudtrail', 'evt-1', { x: 1 });
    expect(recordId('cloudtrail', 'evt-1', { x: 2 })).toBe(a);
    expect(recordId('cloudtrail', 'evt-2', { x: 1 })).not.toBe(a);
    expect(recordId('bedrock', 'evt-1', { x: 1 })).not.toBe(a);
    expect(recordId('azure', undefined, { x: 1 })).toBe(recordId('azure', undefined, { x: 1 }));
    expect(recordId('azure', undefined, { x: 1 })).not.toBe(recordId('azure', undefined, { x: 2 }));
    expect(a).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
  });
});
