import type { AuditRow, Store } from '../store/types.js';

export const COLUMNS = ['seq', 'ts', 'actor', 'action', 'target', 'details', 'prev_hash', 'hash'] as const;

/** RFC 4180 field; a leading formula character is prefixed so spreadsheets show it as text. */
function csvField(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function auditRowToCsv(row: AuditRow): string {
  return COLUMNS.map((c) => csvField(row[c])).join(',');
}

/** Streams the whole trail in order, page by page, so an export never holds it all in memory. */
export async function* exportAudit(store: Store, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield COLUMNS.join(',') + '\n';
  let after = 0;
  for (;;) {
    const rows = await store.listAudit({ afterSeq: after, limit: 10_000 });
    if (rows.length === 0) return;
    let chunk = '';
    for (const r of rows) chunk += (format === 'csv' ? auditRowToCsv(r) : JSON.stringify(r)) + '\n';
    yield chunk;
    after = rows[rows.length - 1]!.seq;
  }
}
