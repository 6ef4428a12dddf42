import { z } from 'zod';
import { seal } from '../../crypto/seal.js';
import type { SightlineEvent } from '../../events/schema.js';
import type { SightlineConfig } from '../../config/schema.js';
import type { PipelineContext, Stage, StageFactory } from '../types.js';

const configSchema = z.object({}).strict();

/** Caller setting beats tenant setting beats the global default. */
export function contentLoggingEnabled(config: SightlineConfig, e: SightlineEvent): boolean {
  const cl = config.content_logging;
  if (e.caller !== undefined && cl.callers[e.caller] !== undefined) return cl.callers[e.caller]!;
  if (cl.tenants[e.tenant] !== undefined) return cl.tenants[e.tenant]!;
  return cl.enabled;
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
        const consent = ctx.contentConsent ? ctx.contentConsent(e) : true;
        if (w.content && consent && contentLoggingEnabled(ctx.config, e)) {
          w.sealed = seal(ctx.keys, e.id, e.ts.slice(0, 10), JSON.stringify(w.content));
          e.has_content = true;
        }
        w.content = undefined;
        for (const p of w.parts) p.text = '';
      },
    };
  },
};
