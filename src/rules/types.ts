import type { SightlineEvent } from '../events/schema.js';
import type { Rule } from './schema.js';

/** One rule firing: the raw material of an alert or of a correlation. */
export interface Hit {
  rule: Rule;
  ts: number;
  entity: { type: string; value: string };
  /** Contributing event ids, most recent last, bounded. */
  event_ids: string[];
  /** For correlations: the signal rule ids that made it fire. */
  signals?: string[];
  /** The measured value (count, sum, p-value, ...) for the summary. */
  value?: number;
  summary: string;
  tenant: string;
}

/** Per-rule state machine; it sees only events that passed the rule's `where` and schedule. */
export interface Evaluator {
  onEvent(e: SightlineEvent, ts: number): Omit<Hit, 'rule' | 'entity' | 'tenant'> | undefined;
  /** Drops groups idle for longer than the rule can look back. */
  sweep(watermark: number): void;
}

/** Lateness is per group (caller, model, ...): one slow source does not make another's events late. */
export interface EvalContext {
  lateness_ms: number;
  late(): void;
}

export const MAX_EVIDENCE = 20;
export const MAX_GROUPS = 200_000;

export function pushBounded(list: string[], id: string, max = MAX_EVIDENCE): void {
  list.push(id);
  if (list.length > max) list.splice(0, list.length - max);
}
