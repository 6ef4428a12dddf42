import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { time } from '../format.js';

interface AuditRow {
  seq: number;
  ts: string;
  actor: string;
  action: string;
  target: string;
  details: string;
}

/** The hash-chained audit trail, with the chain check, for the auditor role. */
export function Audit() {
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [verify, setVerify] = useState<{
    ok: boolean;
    entries: number;
    problem?: { message: string };
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ entries: AuditRow[]; verify: { ok: boolean; entries: number; problem?: { message: string } } }>(
      '/v1/audit?limit=500',
    ).then(
      (r) => (setRows(r.entries), setVerify(r.verify)),
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'failed'),
    );
  }, []);
  return (
    <main>
      <h1>Audit trail</h1>
      {error && <p class="error">{error}</p>}
      {verify && (
        <p class={verify.ok ? 'ok' : 'critical'} data-testid="audit-verify">
          {verify.ok
            ? `Chain intact (${verify.entries} entries).`
            : `Chain broken: ${verify.problem?.message ?? ''}`}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Time</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq}>
              <td>{r.seq}</td>
              <td>{time(r.ts)}</td>
              <td>{r.actor}</td>
              <td>{r.action}</td>
              <td class="clip">{r.target}</td>
              <td class="clip">{r.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
