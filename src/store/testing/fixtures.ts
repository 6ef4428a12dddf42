import type { SightlineEvent } from '../../events/schema.js';

/** A complete metadata event with overridable fields, for store tests and benchmarks. */
export function event(over: Partial<SightlineEvent> = {}): SightlineEvent {
  return {
    id: over.id ?? `e-${Math.random().toString(36).slice(2)}`,
    ts: '2026-01-10T12:00:00.000Z',
    kind: 'llm.call',
    tenant: 'default',
    source: 'api',
    status: 'ok',
    risk_score: 0,
    findings: [],
    has_content: false,
    ingested_at: '2026-01-10T12:00:01.000Z',
    ...over,
  };
}
