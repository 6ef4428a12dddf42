import { readFileSync } from 'node:fs';

export interface DatasetRow {
  line: number;
  record: Record<string, unknown>;
}

export interface DatasetProblem {
  line: number;
  message: string;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes), first row as header. */
export function parseCsv(text: string): { rows: DatasetRow[]; problems: DatasetProblem[] } {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((x) => x !== '')) records.push({ line: startLine, cells });
      cells = [];
      cell = '';
      line++;
      startLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push({ line: startLine, cells });
  }
  const problems: DatasetProblem[] = [];
  if (quoted) problems.push({ line: startLine, message: 'unterminated quoted field' });
  const header = records.shift();
  if (!header) return { rows: [], problems };
  const rows = records.flatMap((r) => {
    if (r.cells.length !== header.cells.length) {
      problems.push({
        line: r.line,
        message: `expected ${header.cells.length} columns, found ${r.cells.length}`,
      });
      return [];
    }
    return [{ line: r.line, record: Object.fromEntries(header.cells.map((h, i) => [h.trim(), r.cells[i]])) }];
  });
  return { rows, problems };
}

/** JSONL (one object a line) or a JSON array of objects; bad lines are reported, not fatal. */
export function parseJsonRecords(text: string): { rows: DatasetRow[]; problems: DatasetProblem[] } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const arr = JSON.parse(trimmed) as unknown[];
    const rows: DatasetRow[] = [];
    const problems: DatasetProblem[] = [];
    arr.forEach((r, i) => {
      if (r && typeof r === 'object' && !Array.isArray(r))
        rows.push({ line: i + 1, record: r as Record<string, unknown> });
      else problems.push({ line: i + 1, message: 'item is not an object' });
    });
    return { rows, problems };
  }
  const rows: DatasetRow[] = [];
  const problems: DatasetProblem[] = [];
  text.split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    try {
      const r = JSON.parse(l) as unknown;
      if (r && typeof r === 'object' && !Array.isArray(r))
        rows.push({ line: i + 1, record: r as Record<string, unknown> });
      else problems.push({ line: i + 1, message: 'line is not a JSON object' });
    } catch {
      problems.push({ line: i + 1, message: 'invalid JSON' });
    }
  });
  return { rows, problems };
}

export function readDataset(path: string): { rows: DatasetRow[]; problems: DatasetProblem[] } {
  const text = readFileSync(path, 'utf8');
  return /\.csv$/i.test(path) ? parseCsv(text) : parseJsonRecords(text);
}

/** Accepts 1/0, true/false, and the usual words for the two classes. */
export function parseLabel(v: unknown): 0 | 1 | undefined {
  if (v === 1 || v === true) return 1;
  if (v === 0 || v === false) return 0;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'attack', 'malicious', 'injection', 'jailbreak', 'unsafe', 'positive'].includes(s))
    return 1;
  if (['0', 'false', 'no', 'benign', 'safe', 'clean', 'negative'].includes(s)) return 0;
  return undefined;
}
