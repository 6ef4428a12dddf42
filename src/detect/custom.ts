import { RE2 } from 're2-wasm';
import type { CustomDetectorConfig } from './config.js';
import { ALL_FIELDS, type Detector, type Finding } from './types.js';

export class UnsafePatternError extends Error {}

function escapeRe2(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * Detectors from configuration. Patterns compile with RE2, whose matching time is linear in the
 * input whatever the pattern, so a user's `(a+)+$` cannot hang the gateway; RE2 refuses the
 * constructs (backreferences, lookaround) that would need backtracking, with a clear message.
 */
export function createCustomDetector(cfg: CustomDetectorConfig): Detector {
  let source: string;
  if (cfg.pattern !== undefined) source = cfg.pattern;
  else source = `(?i)\\b(?:${cfg.keywords!.map(escapeRe2).join('|')})\\b`;
  let re: RE2;
  try {
    re = new RE2(source, 'gu');
  } catch (e) {
    throw new UnsafePatternError(
      `custom detector ${cfg.id}: pattern rejected (${e instanceof Error ? e.message.slice(0, 200) : 'invalid'})`,
    );
  }
  const id = `custom.${cfg.id}`;
  return {
    id,
    fields: cfg.fields ?? ALL_FIELDS,
    detect(text, ctx) {
      const out: Finding[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m && out.length < 1000; m = re.exec(text)) {
        const len = m[0]?.length ?? 0;
        out.push({
          category: cfg.category,
          detector: id,
          score: cfg.score,
          field: ctx.field,
          start: m.index,
          end: m.index + len,
          ...(cfg.redact ? { redact: true } : {}),
        });
        if (len === 0) re.lastIndex++;
      }
      return out;
    },
  };
}
