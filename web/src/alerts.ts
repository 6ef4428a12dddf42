/**
 * The alerts API belongs to the rules engine; this maps its records to what the pages show,
 * tolerating the field names it may use (`rule_id`/`rule`, `evidence`/`evidence_event_ids`, ...).
 */
export interface AlertView {
  id: string;
  rule: string;
  title: string;
  severity: string;
  status: string;
  entity: string;
  entityType: string;
  ts: string;
  technique?: string;
  tactic?: string;
  owasp?: string;
  triage?: string;
  evidence: string[];
  comments: { author: string; text: string; ts: string }[];
}

type Raw = Record<string, unknown>;
const s = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

export function toAlertView(raw: Raw): AlertView {
  const rule = obj(raw.rule);
  const entity = raw.entity;
  const atlas = obj(raw.atlas ?? rule.atlas);
  const ent = obj(entity);
  const evidence = raw.evidence ?? raw.evidence_event_ids ?? raw.event_ids ?? [];
  const comments = Array.isArray(raw.comments) ? raw.comments : [];
  return {
    id: s(raw.id) ?? '',
    rule: s(raw.rule_id) ?? s(rule.id) ?? s(raw.rule) ?? '',
    title: s(raw.title) ?? s(raw.rule_name) ?? s(rule.name) ?? s(raw.rule_id) ?? s(rule.id) ?? '',
    severity: s(raw.severity) ?? 'unknown',
    status: s(raw.status) ?? 'open',
    entity: s(entity) ?? s(ent.value) ?? s(ent.id) ?? s(raw.entity_value) ?? s(raw.key) ?? '',
    entityType: s(ent.type) ?? s(raw.entity_type) ?? 'caller',
    ts: s(raw.created_at) ?? s(raw.first_seen) ?? s(raw.ts) ?? '',
    technique: s(atlas.technique) ?? s(raw.atlas_technique) ?? s(rule.atlas_technique),
    tactic: s(atlas.tactic) ?? s(raw.atlas_tactic),
    owasp: s(raw.owasp) ?? s(rule.owasp),
    triage: s(raw.triage) ?? s(raw.triage_note) ?? s(rule.triage),
    evidence: Array.isArray(evidence) ? evidence.map((e) => s(e) ?? s(obj(e).id) ?? '').filter(Boolean) : [],
    comments: comments.map((c) => {
      const o = obj(c);
      return {
        author: s(o.author) ?? s(o.actor) ?? '',
        text: s(o.text) ?? s(o.body) ?? '',
        ts: s(o.ts) ?? s(o.created_at) ?? '',
      };
    }),
  };
}

export function alertsOf(body: unknown): AlertView[] {
  const list = Array.isArray(body) ? body : (obj(body).alerts ?? obj(body).items ?? []);
  return Array.isArray(list) ? list.map((a) => toAlertView(obj(a))) : [];
}

export interface Enforcement {
  id: string;
  type: 'block_identity' | 'block_ip' | 'rate_limit';
  target: string;
  limit_rpm?: number;
  reason: string;
  created_by: string;
  expires_at: string;
  alert_id?: string;
}

export function enforcementsOf(body: unknown): Enforcement[] {
  const list = Array.isArray(body) ? body : (obj(body).entries ?? obj(body).items ?? []);
  return Array.isArray(list) ? (list as Enforcement[]) : [];
}
