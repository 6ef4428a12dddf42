import type { AlertQuery, AlertRecord, DeliveryRecord } from '../alert-types.js';
import { chTime } from './time.js';
import type { Params } from './where.js';

type Row = Record<string, unknown>;

interface ChAccess {
  insert(table: string, values: Row[]): Promise<unknown>;
  rows(query: string, params: Params): Promise<Row[]>;
  table(name: string): string;
}

/**
 * Alerts and notification deliveries on ClickHouse. They change after insert (acknowledged,
 * commented, grouped), so every save is a new row in a ReplacingMergeTree and reads use FINAL: the
 * newest version wins. No dedup token, or a second save of one id would be dropped.
 */
export class ChAlerts {
  /** Row versions: the clock in microseconds, strictly increasing within this process. */
  private lastVersion = 0;

  constructor(private readonly ch: ChAccess) {}

  private version(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now() * 1000);
    return this.lastVersion;
  }

  async save(alerts: readonly AlertRecord[]): Promise<void> {
    if (alerts.length === 0) return;
    await this.ch.insert(
      'alerts',
      alerts.map((a) => ({
        id: a.id,
        tenant: a.tenant,
        rule_id: a.rule_id,
        severity: a.severity,
        status: a.status,
        dedupe_key: a.dedupe_key,
        created_at: chTime(a.created_at),
        version: this.version(),
        body: JSON.stringify(a),
      })),
    );
  }

  async get(id: string): Promise<AlertRecord | undefined> {
    return (await this.select('alerts', ['id = {id:String}'], { id }, 'id', 1))[0] as AlertRecord | undefined;
  }

  list(q: AlertQuery): Promise<AlertRecord[]> {
    const where: string[] = [];
    const params: Params = {};
    const when = (cond: string, key: string, value: unknown) => {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
      where.push(cond);
      params[key] = value;
    };
    when('tenant = {tenant:String}', 'tenant', q.tenant);
    when('status IN {status:Array(String)}', 'status', q.status);
    when('severity IN {severity:Array(String)}', 'severity', q.severity);
    when('rule_id = {rule:String}', 'rule', q.rule_id);
    when('dedupe_key = {dk:String}', 'dk', q.dedupe_key);
    return this.select('alerts', where, params, 'created_at DESC, id DESC', q.limit) as Promise<
      AlertRecord[]
    >;
  }

  async saveDelivery(d: DeliveryRecord): Promise<void> {
    await this.ch.insert('alert_deliveries', [
      {
        id: d.id,
        alert_id: d.alert_id,
        status: d.status,
        created_at: chTime(d.created_at),
        version: this.version(),
        body: JSON.stringify(d),
      },
    ]);
  }

  listDeliveries(q: {
    status?: DeliveryRecord['status'];
    alert_id?: string;
    limit: number;
  }): Promise<DeliveryRecord[]> {
    const where: string[] = [];
    const params: Params = {};
    if (q.status) {
      where.push('status = {st:String}');
      params.st = q.status;
    }
    if (q.alert_id) {
      where.push('alert_id = {aid:String}');
      params.aid = q.alert_id;
    }
    return this.select('alert_deliveries', where, params, 'created_at, id', q.limit) as Promise<
      DeliveryRecord[]
    >;
  }

  private async select(
    table: string,
    where: string[],
    params: Params,
    order: string,
    limit: number,
  ): Promise<unknown[]> {
    const rows = await this.ch.rows(
      `SELECT body FROM ${this.ch.table(table)} FINAL ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order} LIMIT {lim:UInt32}`,
      { ...params, lim: Math.max(1, Math.min(limit, 10_000)) },
    );
    return rows.map((r) => JSON.parse(String(r.body)) as unknown);
  }
}
