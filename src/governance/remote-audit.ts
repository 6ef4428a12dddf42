import type { VerifyResult } from '../audit/audit-trail.js';
import { apiGet } from '../cli/remote.js';
import type { AuditRow } from '../store/types.js';
import { auditRowToCsv, COLUMNS } from './audit-export.js';

type Remote = { url: string; key: string };

/** The server's own verification of the whole chain (`GET /v1/audit`, auditor or admin key). */
export async function remoteVerify(remote: Remote): Promise<VerifyResult> {
  const body = (await apiGet(remote, '/v1/audit?limit=1')) as { verify: VerifyResult };
  return body.verify;
}

/** Pages through `GET /v1/audit` in order, for exporting while the server holds the database. */
export async function* remoteExport(remote: Remote, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield COLUMNS.join(',') + '\n';
  let after = 0;
  for (;;) {
    const body = (await apiGet(remote, `/v1/audit?after_seq=${after}&limit=1000`)) as { entries: AuditRow[] };
    if (body.entries.length === 0) return;
    yield body.entries.map((r) => (format === 'csv' ? auditRowToCsv(r) : JSON.stringify(r)) + '\n').join('');
    after = body.entries[body.entries.length - 1]!.seq;
  }
}
