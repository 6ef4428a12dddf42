import { z } from 'zod';
import { seal } from '../../crypto/seal.js';
import type { SightlineEvent } from '../../events/schema.js';
import type { SightlineConfig } from '../../config/schema.js';
import { hasContentConsent } from '../../governance/consent.js';
import { UNREDACTED_CATEGORY } from '../../governance/regions.js';
import type { PipelineContext, Stage, StageFactory } from '../types.js';

const configSchema = z.object({}).strict();

/** Caller setting beats tenant setting beats the global default. */
export function contentLoggingEnabled(config: SightlineConfig, e: SightlineEvent): boolean {
  const cl = config.content_logging;
  if (e.caller !== undefined && cl.callers[e.caller] !== undefined) return cl.callers[e.caller]!;
  if (cl.tenants[e.tenant] !== undefined) return cl.tenants[e.tenant]!;
  return cl.enabled;
}

function unredactedFinding() {
  return {
    category: UNREDACTED_CATEGORY,
    detector: 'compliance',
    score: 1,
    field: 'content',
    start: 0,
    end: 0,
  };
}

/**
 * Splits the event into its tiers. Content goes only to the sealed record and only where content
 * logging applies; after this stage the raw content is gone from the working event.
 */
export const routeStage: StageFactory<z.output<typeof configSchema>> = {
  type: 'route',
  configSchema,
  create(_config, ctx: PipelineContext): Stage {
    return {
      name: 'route',
      process(w) {
        const e = w.event;
        const consent =
          (ctx.contentConsent?.(e) ?? true) && hasContentConsent(ctx.config.governance.consent, e);
        if (w.content && consent && contentLoggingEnabled(ctx.config, e)) {
          w.sealed = seal(ctx.keys, e.id, e.ts.slice(0, 10), JSON.stringify(w.content));
          e.has_content = true;
          // Stored with its PII and secrets in clear: allowed only by configuration, and flagged.
          if (ctx.config.content_logging.allow_unredacted && w.findings.some((f) => f.finding.redact)) {
            e.findings.push(unredactedFinding());
          }
        }
        w.content = undefined;
        for (const p of w.parts) p.text = '';
      },
    };
  },
};
