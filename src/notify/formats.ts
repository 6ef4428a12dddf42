import { createHmac, timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import type { AlertRecord } from '../store/alert-types.js';

/**
 * Payloads for each escalation channel. All are built from alert metadata only (rule, entity,
 * counts, ids, mapping): a notification never carries event content.
 */

const SEVERITY_NUM = { P1: 10, P2: 8, P3: 5, P4: 3 } as const;
const PD_SEVERITY = { P1: 'critical', P2: 'error', P3: 'warning', P4: 'info' } as const;
const OCSF_SEVERITY = { P1: 5, P2: 4, P3: 3, P4: 2 } as const; // Critical, High, Medium, Low

export function alertSummary(a: AlertRecord) {
  return {
    id: a.id,
    rule_id: a.rule_id,
    title: a.title,
    severity: a.severity,
    status: a.status,
    tenant: a.tenant,
    entity: a.entity,
    created_at: a.created_at,
    atlas: a.atlas,
    owasp: a.owasp,
    summary: a.summary,
    triage: a.triage,
    signals: a.signals,
    evidence: a.evidence,
    actions: a.actions,
  };
}

export function webhookBody(a: AlertRecord): string {
  return JSON.stringify({ type: 'sightline.alert', alert: alertSummary(a) });
}

/** `X-Sightline-Signature: sha256=HEX` over `${timestamp}.${body}`; the timestamp bounds replay. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  maxAgeS = 300,
): boolean {
  const age = Math.abs(Date.now() / 1000 - Number(timestamp));
  if (!Number.isFinite(age) || age > maxAgeS) return false;
  const want = Buffer.from(signWebhook(secret, timestamp, body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

export function slackBody(a: AlertRecord): string {
  return JSON.stringify({
    text: `[${a.severity}] ${a.title}: ${a.entity.type} ${a.entity.value}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `[${a.severity}] ${a.title}`.slice(0, 150) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Entity*\n${a.entity.type}: ${a.entity.value}` },
          { type: 'mrkdwn', text: `*ATLAS*\n${a.atlas.technique}` },
          { type: 'mrkdwn', text: `*OWASP*\n${a.owasp}` },
          { type: 'mrkdwn', text: `*Alert*\n${a.id}` },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: `${a.summary}\n\n${a.triage}`.slice(0, 2900) } },
    ],
  });
}

export function pagerDutyBody(a: AlertRecord, routingKey: string): string {
  return JSON.stringify({
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: `sightline:${a.tenant}:${a.dedupe_key}`,
    payload: {
      summary: `[${a.severity}] ${a.title}: ${a.entity.type} ${a.entity.value}`.slice(0, 1024),
      source: 'sightline',
      severity: PD_SEVERITY[a.severity],
      timestamp: a.created_at,
      component: a.entity.value,
      group: a.tenant,
      class: a.rule_id,
      custom_details: alertSummary(a),
    },
  });
}

const cefHeader = (v: string) =>
  v
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]/g, ' ');
const cefValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r?\n/g, '\\n');

/** ArcSight CEF:0 line. */
export function cefLine(a: AlertRecord, version = '0.1.0'): string {
  const ext: [string, string][] = [
    ['rt', String(Date.parse(a.created_at))],
    ['externalId', a.id],
    ['cat', a.atlas.technique],
    [a.entity.type === 'source_ip' ? 'src' : 'suser', a.entity.value],
    ['msg', a.summary],
    ['cs1Label', 'tenant'],
    ['cs1', a.tenant],
    ['cs2Label', 'owasp'],
    ['cs2', a.owasp],
    ['cs3Label', 'evidence'],
    ['cs3', a.evidence.slice(0, 10).join(',')],
  ];
  return `CEF:0|Sightline|Sightline|${cefHeader(version)}|${cefHeader(a.rule_id)}|${cefHeader(a.title)}|${SEVERITY_NUM[a.severity]}|${ext
    .map(([k, v]) => `${k}=${cefValue(v)}`)
    .join(' ')}`;
}

/** RFC 5424 message (facility security/authorization 10, severity from the alert) with a CEF payload. */
export function syslogMessage(a: AlertRecord, now = new Date()): string {
  const sev = { P1: 2, P2: 3, P3: 4, P4: 5 }[a.severity];
  const pri = 10 * 8 + sev;
  const host =
    hostname()
      .replace(/[^\x21-\x7e]/g, '')
      .slice(0, 255) || '-';
  return `<${pri}>1 ${now.toISOString()} ${host} sightline - ALERT - ${cefLine(a)}`;
}

/** OCSF 1.x Detection Finding (class 2004). */
export function ocsfBody(a: AlertRecord): string {
  const t = Date.parse(a.created_at);
  return JSON.stringify({
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: 1,
    activity_name: 'Create',
    type_uid: 200401,
    severity_id: OCSF_SEVERITY[a.severity],
    severity: a.severity,
    status_id: 1,
    status: 'New',
    time: t,
    message: `${a.title}: ${a.summary}`,
    metadata: {
      version: '1.3.0',
      product: { name: 'Sightline', vendor_name: 'Sightline' },
      uid: a.id,
      tenant_uid: a.tenant,
    },
    finding_info: {
      uid: a.id,
      title: a.title,
      desc: a.triage,
      created_time: t,
      analytic: { uid: a.rule_id, name: a.title, type_id: 1, type: 'Rule' },
      attacks: [
        {
          tactic: { uid: a.atlas.tactic.split(' ')[0] },
          technique: {
            uid: a.atlas.technique.split(' ')[0],
            name: a.atlas.technique.split(' ').slice(1).join(' '),
          },
        },
      ],
      related_events: a.evidence.map((uid) => ({ uid })),
    },
    resources: [{ type: a.entity.type, name: a.entity.value }],
    unmapped: { owasp_llm: a.owasp, signals: a.signals },
  });
}
