import { randomUUID } from 'node:crypto';
import { scrub } from '../privacy/scrub.js';
import { atlasCatalog } from '../rules/atlas.js';
import type { Hit } from '../rules/types.js';
import type { AlertRecord } from '../store/alert-types.js';

export const MAX_ALERT_EVIDENCE = 50;

export function dedupeKey(hit: Hit): string {
  return `${hit.rule.id}|${hit.entity.type}:${hit.entity.value}`;
}

/**
 * Per-event rules (match, schedule) fire once per matching event, and a busy entity repeats the
 * same summary: scrubbing it (PII and secret detectors) once per distinct text keeps an alert
 * storm from costing a detector pass per event.
 */
const scrubbedSummaries = new Map<string, string>();
function scrubSummary(text: string): string {
  let out = scrubbedSummaries.get(text);
  if (out === undefined) {
    out = scrub(text);
    if (scrubbedSummaries.size >= 2048) scrubbedSummaries.clear();
    scrubbedSummaries.set(text, out);
  }
  return out;
}

/** A new alert from a rule firing. Only metadata goes in: ids, counts, names; never event content. */
export function alertFromHit(hit: Hit, now = new Date()): AlertRecord {
  const atlas = atlasCatalog();
  const t = hit.rule.threat[0]!;
  const iso = now.toISOString();
  return {
    id: `al_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    tenant: hit.tenant,
    rule_id: hit.rule.id,
    title: hit.rule.name,
    severity: hit.rule.severity,
    status: 'open',
    dedupe_key: dedupeKey(hit),
    entity: { type: hit.entity.type, value: scrub(hit.entity.value) },
    created_at: iso,
    updated_at: iso,
    last_seen: new Date(hit.ts).toISOString(),
    count: 1,
    atlas: {
      tactic: `${t.tactic} ${atlas.tactics[t.tactic] ?? ''}`.trim(),
      technique: `${t.technique} ${atlas.techniques[t.technique]?.name ?? ''}`.trim(),
    },
    owasp: hit.rule.owasp.join(', '),
    triage: hit.rule.note,
    summary: scrubSummary(hit.summary),
    evidence: hit.event_ids.slice(-MAX_ALERT_EVIDENCE),
    signals: hit.signals ?? [],
    comments: [],
    actions: [],
  };
}

/** Groups another firing of the same rule for the same entity into an active alert. */
export function mergeHit(a: AlertRecord, hit: Hit, now = new Date()): AlertRecord {
  // Per-event rules bring one new id a firing; a set over the whole list each time is wasted work.
  const fresh = hit.event_ids.slice(-MAX_ALERT_EVIDENCE).filter((id) => !a.evidence.includes(id));
  const evidence = fresh.length ? [...a.evidence, ...fresh].slice(-MAX_ALERT_EVIDENCE) : a.evidence;
  const signals = hit.signals?.length ? [...new Set([...a.signals, ...hit.signals])] : a.signals;
  const lastSeen = hit.ts > Date.parse(a.last_seen) ? new Date(hit.ts).toISOString() : a.last_seen;
  return {
    ...a,
    evidence,
    signals,
    count: a.count + 1,
    last_seen: lastSeen,
    updated_at: now.toISOString(),
    summary: scrubSummary(hit.summary),
  };
}
