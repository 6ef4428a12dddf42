import type { AlertQuery, AlertRecord, DeliveryRecord } from '../alert-types.js';
import type { SqlRunner } from './overview.js';
import { micros } from './where.js';

/**
 * Alerts keep their filterable fields as columns and the rest as one JSON body: the body's shape
 * evolves with the rules engine without a migration per field.
 */
export async function upsertAlert(exec: SqlRunner, a: AlertRecord): Promise<void> {
  await exec(
    `INSERT INTO alerts VALUES ($1, $2, $3, $4, $5, $6, make_timestamp($7::BIGINT), $8)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity, body = excluded.body`,
    [a.id, a.tenant, a.rule_id, a.severity, a.status, a.dedupe_key, micros(a.created_at), JSON.stringify(a)],
  );
}

/**
 * Many alerts in a few statements (multi-row VALUES with one ON CONFLICT each): an alert storm of
 * thousands must not cost a statement per alert, which kept the alert API waiting for seconds.
 */
export async function upsertAlerts(exec: SqlRunner, alerts: readonly AlertRecord[]): Promise<void> {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const unique = [...byId.values()];
  for (let i = 0; i < unique.length; i += 200) {
    const chunk = unique.slice(i, i + 200);
    const params: (string | number)[] = [];
    const rows = chunk.map((a) => {
      const base = params.length;
      params.push(
        a.id,
        a.tenant,
        a.rule_id,
        a.severity,
        a.status,
        a.dedupe_key,
        micros(a.created_at),
        JSON.stringify(a),
      );
      const p = (k: number) => `$${base + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, make_timestamp(${p(7)}::BIGINT), ${p(8)})`;
    });
    await exec(
      `INSERT INTO alerts VALUES ${rows.join(', ')}
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity, body = excluded.body`,
      params,
    );
  }
}

export async function selectAlerts(exec: SqlRunner, q: AlertQuery & { id?: string }): Promise<AlertRecord[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const p = (v: string | number) => (params.push(v), `$${params.length}`);
  if (q.id !== undefined) where.push(`id = ${p(q.id)}`);
  if (q.tenant !== undefined) where.push(`tenant = ${p(q.tenant)}`);
  if (q.status?.length) where.push(`status IN (${q.status.map(p).join(', ')})`);
  if (q.severity?.length) where.push(`severity IN (${q.severity.map(p).join(', ')})`);
  if (q.rule_id !== undefined) where.push(`rule_id = ${p(q.rule_id)}`);
  if (q.dedupe_key !== undefined) where.push(`dedupe_key = ${p(q.dedupe_key)}`);
  const rows = await exec(
    `SELECT body FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC, id DESC LIMIT ${p(Math.max(1, Math.min(q.limit, 10_000)))}`,
    params,
  );
  return rows.map((r) => JSON.parse(String(r.body)) as AlertRecord);
}

export async function upsertDelivery(exec: SqlRunner, d: DeliveryRecord): Promise<void> {
  await exec(
    `INSERT INTO alert_deliveries VALUES ($1, $2, $3, make_timestamp($4::BIGINT), $5)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body`,
    [d.id, d.alert_id, d.status, micros(d.created_at), JSON.stringify(d)],
  );
}

export async function selectDeliveries(
  exec: SqlRunner,
  q: { status?: string; alert_id?: string; limit: number },
): Promise<DeliveryRecord[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const p = (v: string | number) => (params.push(v), `$${params.length}`);
  if (q.status) where.push(`status = ${p(q.status)}`);
  if (q.alert_id) where.push(`alert_id = ${p(q.alert_id)}`);
  const rows = await exec(
    `SELECT body FROM alert_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at, id LIMIT ${p(Math.max(1, Math.min(q.limit, 10_000)))}`,
    params,
  );
  return rows.map((r) => JSON.parse(String(r.body)) as DeliveryRecord);
}
