import type { SightlineEvent } from '../../events/schema.js';
import { keyGetter } from '../fields.js';
import type { Rule } from '../schema.js';
import { type Evaluator, MAX_GROUPS } from '../types.js';

type NewValueRule = Extract<Rule, { type: 'new_value' }>;

/** First appearance of a value (or value pair) within the lookback, optionally for a known entity only. */
export function newValueEvaluator(rule: NewValueRule): Evaluator {
  const seen = new Map<string, number>();
  const known = new Map<string, number>();
  const key = keyGetter(rule.fields);
  const entityKey = keyGetter(rule.fields.slice(0, 1));
  return {
    onEvent(e: SightlineEvent, ts: number) {
      const k = key(e);
      const ent = entityKey(e);
      if (k === undefined || ent === undefined) return undefined;
      const last = seen.get(k);
      const entitySeen = known.get(ent);
      if (seen.size < MAX_GROUPS) seen.set(k, Math.max(last ?? 0, ts));
      if (known.size < MAX_GROUPS) known.set(ent, Math.max(entitySeen ?? 0, ts));
      const isNew = last === undefined || last < ts - rule.lookback;
      if (!isNew) return undefined;
      // An entity seen only seconds ago for the first time is itself new: not "known".
      if (rule.known_entity && (entitySeen === undefined || entitySeen < ts - rule.lookback))
        return undefined;
      return {
        ts,
        event_ids: [e.id],
        summary: `first ${rule.fields.join(' × ')} seen within ${rule.lookback / 3_600_000}h`,
      };
    },
    sweep(watermark) {
      for (const [k, at] of seen) if (at < watermark - rule.lookback) seen.delete(k);
      for (const [k, at] of known) if (at < watermark - rule.lookback) known.delete(k);
    },
  };
}
