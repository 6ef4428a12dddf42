import { z } from 'zod';
import { redactText } from '../../detect/redact.js';
import type { Finding } from '../../detect/types.js';
import { setContentPart } from '../content-parts.js';
import type { PipelineContext, Stage, StageFactory } from '../types.js';

const configSchema = z.object({}).strict();

/** Replaces PII and secrets in the content with typed placeholders before anything stores it. */
export const redactStage: StageFactory<z.output<typeof configSchema>> = {
  type: 'redact',
  configSchema,
  create(_config, ctx: PipelineContext): Stage {
    return {
      name: 'redact',
      process(w) {
        if (!w.content || ctx.config.content_logging.allow_unredacted) return;
        const byPath = new Map<string, Finding[]>();
        for (const { part, finding } of w.findings) {
          if (!finding.redact) continue;
          const list = byPath.get(part.path);
          if (list) list.push(finding);
          else byPath.set(part.path, [finding]);
        }
        for (const part of w.parts) {
          const found = byPath.get(part.path);
          if (!found) continue;
          const redacted = redactText(part.text, found);
          setContentPart(w.content, part.path, redacted);
          part.text = redacted;
        }
      },
    };
  },
};
