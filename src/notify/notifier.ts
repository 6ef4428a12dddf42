import { randomUUID } from 'node:crypto';
import type { ChannelConfig, RulesConfig } from '../config/rules-schema.js';
import type { AlertRecord, DeliveryRecord, Store } from '../store/types.js';
import type { Logger } from '../util/logger.js';
import { ocsfBody, pagerDutyBody, signWebhook, slackBody, syslogMessage, webhookBody } from './formats.js';
import { postJson, sendSyslog } from './transport.js';

/** `env:NAME` reads a secret from the environment, so config files need not hold it. */
export function resolveSecret(v: string): string {
  if (!v.startsWith('env:')) return v;
  const s = process.env[v.slice(4)];
  if (!s) throw new Error(`environment variable ${v.slice(4)} is not set`);
  return s;
}

export async function deliver(ch: ChannelConfig, a: AlertRecord, timeoutMs: number): Promise<void> {
  switch (ch.type) {
    case 'webhook': {
      const body = webhookBody(a);
      const ts = String(Math.floor(Date.now() / 1000));
      return postJson(
        ch.url,
        body,
        {
          'x-sightline-timestamp': ts,
          'x-sightline-signature': signWebhook(resolveSecret(ch.secret), ts, body),
        },
        timeoutMs,
      );
    }
    case 'slack':
      return postJson(ch.url, slackBody(a), {}, timeoutMs);
    case 'pagerduty':
      return postJson(ch.url, pagerDutyBody(a, resolveSecret(ch.routing_key)), {}, timeoutMs);
    case 'ocsf':
      return postJson(ch.url, ocsfBody(a), ch.headers, timeoutMs);
    case 'syslog':
      return sendSyslog(ch.host, ch.port, ch.transport, syslogMessage(a), timeoutMs);
  }
}

/**
 * Escalation: each new alert goes to the channels routed for its severity. Deliveries run in the
 * background, are recorded in the store, and failed ones are retried with exponential backoff until
 * `max_attempts`; nothing here is awaited by the ingest path.
 */
export class Notifier {
  private timer?: NodeJS.Timeout;
  private retrying = false;
  private inflight = new Set<Promise<void>>();
  readonly stats = { delivered: 0, failed: 0 };

  constructor(private readonly deps: { store: Store; log: Logger; config: RulesConfig['notify'] }) {}

  start(intervalMs = Math.min(this.deps.config.backoff_ms, 5000)): void {
    if (this.timer || this.deps.config.channels.length === 0) return;
    this.timer = setInterval(() => void this.retryDue(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inflight]);
  }

  notify(alert: AlertRecord): void {
    for (const ch of this.deps.config.channels) {
      if (!ch.severities.includes(alert.severity)) continue;
      const now = new Date().toISOString();
      const d: DeliveryRecord = {
        id: randomUUID(),
        alert_id: alert.id,
        channel: ch.name,
        status: 'pending',
        attempts: 0,
        created_at: now,
        updated_at: now,
      };
      this.track(this.attempt(ch, alert, d));
    }
  }

  /** Waits for deliveries in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private async attempt(ch: ChannelConfig, alert: AlertRecord, d: DeliveryRecord): Promise<void> {
    const { max_attempts, backoff_ms, timeout_ms } = this.deps.config;
    const attempts = d.attempts + 1;
    let next: DeliveryRecord;
    try {
      await deliver(ch, alert, timeout_ms);
      next = { ...d, attempts, status: 'delivered', updated_at: new Date().toISOString() };
      delete next.last_error;
      delete next.next_attempt_at;
      this.stats.delivered++;
    } catch (e) {
      this.stats.failed++;
      const err = e instanceof Error ? (/^HTTP \d+$/.test(e.message) ? e.message : e.name) : 'error';
      next = {
        ...d,
        attempts,
        status: 'failed',
        last_error: err,
        updated_at: new Date().toISOString(),
        ...(attempts < max_attempts
          ? { next_attempt_at: new Date(Date.now() + backoff_ms * 2 ** (attempts - 1)).toISOString() }
          : {}),
      };
      if (attempts >= max_attempts) delete next.next_attempt_at;
      this.deps.log.warn('alert delivery failed', { channel: ch.name, attempts, error: err });
    }
    await this.deps.store
      .saveDelivery(next)
      .catch(() => this.deps.log.error('could not record delivery', { channel: ch.name }));
  }

  /** Retries recorded failures whose backoff has elapsed (also those left by a previous process). */
  async retryDue(now = Date.now()): Promise<void> {
    if (this.retrying) return;
    this.retrying = true;
    try {
      const failed = await this.deps.store.listDeliveries({ status: 'failed', limit: 500 });
      for (const d of failed) {
        if (!d.next_attempt_at || Date.parse(d.next_attempt_at) > now) continue;
        const ch = this.deps.config.channels.find((c) => c.name === d.channel);
        const alert = ch && (await this.deps.store.getAlert(d.alert_id));
        if (!ch || !alert) continue;
        const p = this.attempt(ch, alert, d);
        this.track(p);
        await p;
      }
    } finally {
      this.retrying = false;
    }
  }
}
