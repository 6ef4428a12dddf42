import { z } from 'zod';
import { eventInputSchema, type SightlineEvent, type StoredFinding } from '../events/schema.js';
import { formatIssues } from '../config/load.js';
import { textStats } from '../enrich/text-stats.js';
import { promptText } from '../pipeline/content-parts.js';
import { durationSchema } from './duration.js';

/** Rule tests start on a Monday at 10:00 UTC, inside default working hours. */
export const TEST_EPOCH = Date.parse('2026-01-05T10:00:00.000Z');

const extras = z
  .object({
    at: durationSchema.optional(),
    repeat: z.number().int().min(1).max(5000).optional(),
    every: durationSchema.optional(),
    findings: z.array(z.string().min(1).max(128)).max(32).optional(),
    risk_score: z.number().min(0).max(1).optional(),
    /** Appends the repetition number to these fields so repeats differ (e.g. input hashes, IPs). */
    vary: z.array(z.enum(['input_hash', 'source_ip', 'model', 'caller', 'prediction.class'])).optional(),
  })
  .strict();

const hex = (n: number) => n.toString(16).padStart(64, '0');

/**
 * Expands a rule test's compact event lines into stored-shape events: each line is an ingest event
 * (validated by the canonical schema) plus `at`, `repeat`/`every`, `findings` and `vary`.
 */
export function buildTestEvents(
  lines: readonly Record<string, unknown>[],
  epoch = TEST_EPOCH,
): SightlineEvent[] {
  const out: SightlineEvent[] = [];
  lines.forEach((line, li) => {
    const { at, repeat, every, findings, risk_score, vary, ...input } = line;
    const x = extras.safeParse({ at, repeat, every, findings, risk_score, vary });
    if (!x.success) throw new Error(`event ${li}: ${formatIssues(x.error.issues).join('; ')}`);
    const v = eventInputSchema.safeParse(input);
    if (!v.success) throw new Error(`event ${li}: ${formatIssues(v.error.issues).join('; ')}`);
    const base = v.data.ts ? Date.parse(v.data.ts) : epoch + (x.data.at ?? 0);
    for (let r = 0; r < (x.data.repeat ?? 1); r++) {
      const ts = new Date(base + r * (x.data.every ?? 1000)).toISOString();
      const { content, ts: _t, ...meta } = v.data;
      const e: SightlineEvent = {
        ...meta,
        id: `${v.data.id ?? `t${li}`}-${r}`,
        ts,
        tenant: v.data.tenant ?? 'default',
        source: v.data.source ?? 'api',
        status: v.data.status ?? 'ok',
        risk_score: x.data.risk_score ?? (x.data.findings?.length ? 0.9 : 0),
        findings: (x.data.findings ?? []).map((spec): StoredFinding => {
          // `pii.email@response` names the field the finding was in; the default is the prompt.
          const [category, field = 'prompt'] = spec.split('@') as [string, string?];
          return { category, detector: 'test', score: 0.9, field, start: 0, end: 1 };
        }),
        has_content: false,
        ingested_at: ts,
      };
      if (e.llm?.input_hash) e.input_hash = e.llm.input_hash;
      // Content itself is not kept, but its statistics are, as the enrich stage computes them:
      // rules on input_stats / output_stats can then be tested with plain text.
      const prompt = promptText(content);
      if (prompt !== undefined) e.input_stats = textStats(prompt);
      if (content?.response !== undefined) e.output_stats = textStats(content.response);
      for (const f of x.data.vary ?? []) {
        if (f === 'input_hash') e.input_hash = hex(li * 100_000 + r + 1);
        else if (f === 'source_ip') e.source_ip = `198.51.100.${(r % 250) + 1}`;
        else if (f === 'prediction.class' && e.prediction)
          e.prediction = { ...e.prediction, class: `${e.prediction.class}-${r % 5}` };
        else if (f === 'model' || f === 'caller') e[f] = `${e[f] ?? f}-${r}`;
      }
      out.push(e);
    }
  });
  return out.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}
