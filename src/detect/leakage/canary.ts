import type { Detector, Finding } from '../types.js';

/** A canary planted in the system prompt showing up in an output means the prompt leaked. */
export const canaryDetector: Detector = {
  id: 'leakage.canary',
  fields: ['response', 'tool_parameters', 'other'],
  detect(text, ctx) {
    const out: Finding[] = [];
    for (const c of ctx.canaries ?? []) {
      if (c.length < 8) continue;
      for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + c.length))
        out.push({
          category: 'leakage.canary',
          detector: this.id,
          score: 1,
          field: ctx.field,
          start: i,
          end: i + c.length,
          redact: true,
        });
    }
    return out;
  },
};
