import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { combineRisk } from '../../detect/registry.js';
import type { DetectContext } from '../../detect/types.js';
import type { PipelineContext, Stage, StageFactory } from '../types.js';
import { lookupKnown } from '../known-findings.js';
import { StableFindings } from '../stable-findings.js';

const configSchema = z
  .object({
    /** Texts longer than this are scanned in their first and last halves of this size. */
    max_scan_chars: z.number().int().min(1024).default(200_000),
  })
  .strict();

/** Keyed, truncated hash: links repeats of one secret across events without being reversible. */
export function fingerprint(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16);
}

export const detectStage: StageFactory<z.output<typeof configSchema>> = {
  type: 'detect',
  configSchema,
  create(config, ctx: PipelineContext): Stage {
    const stable = new StableFindings();
    return {
      name: 'detect',
      process(w) {
        if (w.parts.length === 0) return;
        const systemPrompt = w.content?.system_prompt;
        const allowedDomains = ctx.config.detection.leakage.allowed_domains;
        for (const part of w.parts) {
          const dctx: DetectContext = { field: part.field, systemPrompt, allowedDomains };
          const text = part.text;
          if (text.length <= config.max_scan_chars) {
            const known = lookupKnown(w.known, part.field, text);
            for (const finding of known ?? stable.run(text, dctx, () => ctx.detectors.run(text, dctx)))
              w.findings.push({ part, finding });
          } else {
            // Attack text sits at the start or the end of huge inputs; scanning both ends bounds the cost.
            const half = config.max_scan_chars >> 1;
            const tailStart = text.length - half;
            for (const finding of ctx.detectors.run(text.slice(0, half), dctx))
              w.findings.push({ part, finding });
            for (const f of ctx.detectors.run(text.slice(tailStart), dctx)) {
              w.findings.push({
                part,
                finding: { ...f, start: f.start + tailStart, end: f.end + tailStart },
              });
            }
          }
        }
        const risk = combineRisk(w.findings.map((x) => x.finding));
        w.event.risk_score = Math.max(w.event.risk_score, risk.riskScore);
        w.event.findings = w.findings.map(({ part, finding }) => ({
          category: finding.category,
          detector: finding.detector,
          score: Math.round(finding.score * 1000) / 1000,
          field: part.path,
          start: finding.start,
          end: finding.end,
          ...(finding.redact
            ? { fingerprint: fingerprint(ctx.fingerprintKey, part.text.slice(finding.start, finding.end)) }
            : {}),
        }));
      },
    };
  },
};
