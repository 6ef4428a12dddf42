import { describe, expect, it } from 'vitest';
import { formatIssues } from '../config/load.js';
import { eventInputSchema } from './schema.js';

function errors(v: unknown): string[] {
  const r = eventInputSchema.safeParse(v);
  return r.success ? [] : formatIssues(r.error.issues);
}

describe('event input schema', () => {
  it('accepts a minimal event of every kind with its required block', () => {
    const ok = [
      { kind: 'llm.call' },
      { kind: 'guardrail', guardrail: { action: 'block' } },
      { kind: 'retrieval', retrieval: { document_ids: ['d1'] } },
      { kind: 'tool.call', tool: { name: 'search' } },
      { kind: 'egress', egress: { destination: 'example.com' } },
      { kind: 'prompt.change', prompt_change: { prompt_id: 'p', action: 'update' } },
      { kind: 'control', control: { action: 'guardrail.update' } },
      { kind: 'auth', auth: { outcome: 'denied' } },
      { kind: 'prediction', prediction: { class: 'cat', confidence: 0.9 } },
    ];
    for (const e of ok) expect(errors(e), e.kind).toEqual([]);
  });

  it('names the path of each problem', () => {
    expect(errors({ kind: 'llm.call', llm: { input_tokens: -1 } })[0]).toMatch(/^llm\.input_tokens: /);
    expect(errors({ kind: 'nope' })[0]).toMatch(/^kind: /);
    expect(errors({ kind: 'auth' })).toEqual(['auth: required for kind auth']);
    expect(errors({ kind: 'llm.call', tool: { name: 'x' } })).toEqual([
      'tool: not allowed on kind llm.call (use "llm")',
    ]);
    expect(errors({ kind: 'llm.call', surprise: 1 })[0]).toMatch(/^\(root\): .*surprise/);
    expect(errors({ kind: 'llm.call', ts: 'yesterday' })[0]).toMatch(/^ts: not a valid ISO-8601/);
    expect(errors({ kind: 'llm.call', content: { prompt: 5 } })[0]).toMatch(/^content\.prompt: /);
  });

  it('normalises timestamps given as ISO strings or epoch milliseconds', () => {
    const a = eventInputSchema.parse({ kind: 'llm.call', ts: 1767225600000 });
    const b = eventInputSchema.parse({ kind: 'llm.call', ts: '2026-01-01T01:00:00+01:00' });
    expect(a.ts).toBe('2026-01-01T00:00:00.000Z');
    expect(b.ts).toBe('2026-01-01T00:00:00.000Z');
  });

  it('keeps metadata bounded so one record cannot turn into a content store', () => {
    expect(errors({ kind: 'llm.call', caller: 'x'.repeat(600) })[0]).toMatch(/^caller: /);
    const attrs = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]));
    expect(errors({ kind: 'llm.call', attributes: attrs })[0]).toMatch(/^attributes: at most 64/);
  });
});
