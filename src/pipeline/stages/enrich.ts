import { hash } from 'node:crypto';
import { z } from 'zod';
import { textStats } from '../../enrich/text-stats.js';
import { promptText } from '../content-parts.js';
import type { PipelineContext, Stage, StageFactory } from '../types.js';

const configSchema = z.object({ stats: z.boolean().default(true) }).strict();

/** One-shot `crypto.hash`: no Hash object per text (a third of the cost on 1 KB prompts). */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Tokens, cost, hashes and text statistics: everything rules need without reading content. */
export const enrichStage: StageFactory<z.output<typeof configSchema>> = {
  type: 'enrich',
  configSchema,
  create(config, ctx: PipelineContext): Stage {
    return {
      name: 'enrich',
      process(w) {
        const e = w.event;
        const prompt = promptText(w.content);
        if (e.kind === 'llm.call') {
          const llm = (e.llm ??= {});
          if (
            llm.total_tokens === undefined &&
            (llm.input_tokens !== undefined || llm.output_tokens !== undefined)
          ) {
            llm.total_tokens = (llm.input_tokens ?? 0) + (llm.output_tokens ?? 0);
          }
          if (
            llm.cost_usd === undefined &&
            (llm.input_tokens !== undefined || llm.output_tokens !== undefined)
          ) {
            const cost = ctx.prices.cost(e.model, llm.input_tokens ?? 0, llm.output_tokens ?? 0);
            if (cost !== undefined) llm.cost_usd = Math.round(cost * 1e8) / 1e8;
          }
          if (prompt !== undefined) e.input_hash = sha256Hex(prompt);
          else if (llm.input_hash) e.input_hash = llm.input_hash;
        } else if (prompt !== undefined) {
          e.input_hash = sha256Hex(prompt);
        }
        const response = w.content?.response;
        if (response !== undefined) e.output_hash = sha256Hex(response);
        if (config.stats) {
          if (prompt !== undefined) e.input_stats = textStats(prompt);
          if (response !== undefined) e.output_stats = textStats(response);
        }
      },
    };
  },
};
