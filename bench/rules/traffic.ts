import type { SightlineEvent, StoredFinding } from '../../src/events/schema.js';

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-haiku', 'o1-pro'];
const finding = (category: string): StoredFinding => ({
  category,
  detector: 'bench',
  score: 0.9,
  field: 'prompt',
  start: 0,
  end: 4,
});

/**
 * Synthetic stored events with the mix a busy deployment sees: mostly model calls from 2,000
 * callers, some blocked or flagged, plus guardrail, auth, tool, retrieval, control and prediction
 * events, in event-time order at `perSecond`.
 */
export function traffic(n: number, startMs: number, perSecond: number): SightlineEvent[] {
  const out: SightlineEvent[] = [];
  for (let i = 0; i < n; i++) {
    const ts = new Date(startMs + Math.floor((i * 1000) / perSecond)).toISOString();
    const c = (i * 7919) % 2000;
    const base = {
      id: `b${i}`,
      ts,
      tenant: 'default',
      source: 'gateway' as const,
      caller: `caller-${c}`,
      source_ip: `10.${c % 200}.${(c >> 3) % 250}.${c % 250}`,
      model: MODELS[c % MODELS.length]!,
      status: 'ok' as const,
      risk_score: 0,
      findings: [] as StoredFinding[],
      has_content: false,
      ingested_at: ts,
    };
    const r = i % 100;
    if (r < 80) {
      const blocked = r < 2;
      out.push({
        ...base,
        kind: 'llm.call',
        status: blocked ? 'blocked' : 'ok',
        findings: r < 3 ? [finding('injection.override')] : r === 5 ? [finding('pii.email')] : [],
        input_hash: (i % 4096).toString(16).padStart(64, '0'),
        llm: {
          input_tokens: 400,
          output_tokens: 300 + (i % 500),
          total_tokens: 700 + (i % 500),
          cost_usd: 0.004,
          guardrail_action: blocked ? 'block' : 'allow',
        },
      });
    } else if (r < 85)
      out.push({ ...base, kind: 'guardrail', guardrail: { action: r === 80 ? 'block' : 'allow' } });
    else if (r < 88) out.push({ ...base, kind: 'auth', auth: { outcome: r === 85 ? 'denied' : 'allowed' } });
    else if (r < 91)
      out.push({
        ...base,
        kind: 'tool.call',
        tool: { name: 'search', approval_status: 'approved', result_status: 'ok' },
      });
    else if (r < 94)
      out.push({ ...base, kind: 'retrieval', retrieval: { user: `u${c}`, access_decision: 'allowed' } });
    else if (r < 95)
      out.push({ ...base, kind: 'egress', egress: { destination: `api${c % 20}.example.com` } });
    else
      out.push({
        ...base,
        kind: 'prediction',
        model: 'sentiment',
        prediction: { class: ['pos', 'neg', 'neu'][i % 3]! },
      });
  }
  return out;
}
