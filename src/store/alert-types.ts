/** Alerts and notification deliveries, as the rules engine stores them. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'suppressed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertComment {
  author: string;
  text: string;
  ts: string;
}

export interface AlertAction {
  type: 'block_identity' | 'block_ip' | 'rate_limit';
  target: string;
  expires_at: string;
  dry_run: boolean;
  enforcement_id?: string;
  error?: string;
}

export interface AlertRecord {
  id: string;
  tenant: string;
  rule_id: string;
  title: string;
  severity: 'P1' | 'P2' | 'P3' | 'P4';
  status: AlertStatus;
  /** rule id + entity: hits with the same key while the alert is active are grouped into it. */
  dedupe_key: string;
  entity: { type: string; value: string };
  created_at: string;
  updated_at: string;
  last_seen: string;
  /** Number of rule firings grouped into this alert. */
  count: number;
  atlas: { tactic: string; technique: string };
  owasp: string;
  triage: string;
  summary: string;
  /** Contributing event ids (bounded). */
  evidence: string[];
  /** For correlations: the signal rules that fired. */
  signals: string[];
  comments: AlertComment[];
  actions: AlertAction[];
}

export interface AlertQuery {
  tenant?: string;
  status?: AlertStatus[];
  severity?: string[];
  rule_id?: string;
  dedupe_key?: string;
  limit: number;
}

export interface DeliveryRecord {
  id: string;
  alert_id: string;
  channel: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_error?: string;
  next_attempt_at?: string;
  created_at: string;
  updated_at: string;
}
