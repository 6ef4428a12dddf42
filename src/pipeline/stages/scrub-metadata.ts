import { scrub } from '../../privacy/scrub.js';
import type { SightlineEvent } from '../../events/schema.js';
import type { Stage } from '../types.js';

/**
 * Free-text metadata (attribute values, user agent, error codes, tool and resource names) comes
 * from clients and can carry anything. It is metadata, readable by every role, so it passes the
 * same redaction as content. `caller` and `source_ip` are kept: they are the attribution the
 * metadata tier exists for.
 */
const FREE_TEXT: readonly (keyof SightlineEvent)[] = ['user_agent', 'error_code', 'deployment', 'session_id'];

export function scrubMetadataStage(): Stage {
  return {
    name: 'scrub-metadata',
    process(w) {
      const e = w.event as unknown as Record<string, unknown>;
      for (const k of FREE_TEXT) {
        const v = e[k];
        if (typeof v === 'string') e[k] = scrub(v);
      }
      if (w.event.attributes) {
        for (const [k, v] of Object.entries(w.event.attributes)) {
          if (typeof v === 'string') w.event.attributes[k] = scrub(v);
        }
      }
      const details = [w.event.tool, w.event.control, w.event.egress, w.event.auth, w.event.guardrail] as (
        Record<string, unknown> | undefined
      )[];
      for (const d of details) {
        if (!d) continue;
        for (const [k, v] of Object.entries(d)) if (typeof v === 'string') d[k] = scrub(v);
      }
    },
  };
}
