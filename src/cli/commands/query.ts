import type { SightlineEvent } from '../../events/schema.js';
import type { Command } from '../command.js';
import { apiGet, remoteOptions, resolveRemote } from '../remote.js';

const FILTERS = {
  from: 'from',
  to: 'to',
  kind: 'kind',
  caller: 'caller',
  model: 'model',
  ip: 'source_ip',
  'min-risk': 'min_risk',
  category: 'category',
  action: 'guardrail_action',
  status: 'status',
  trace: 'trace_id',
  q: 'q',
  limit: 'limit',
  cursor: 'cursor',
} as const;

const command: Command = {
  name: 'query',
  summary: 'search stored events (metadata) on a running server',
  usage: `Usage: sightline query [--from ISO] [--to ISO] [--kind K[,K]] [--caller C] [--model M] [--ip IP]
                       [--min-risk 0..1] [--category CAT] [--action allow|flag|redact|block]
                       [--status ok|error|denied|blocked] [--trace ID] [--q TEXT] [--limit N]
                       [--format table|json] [--url URL] [--key KEY]`,
  options: {
    ...remoteOptions,
    ...Object.fromEntries(Object.keys(FILTERS).map((k) => [k, { type: 'string' as const }])),
    format: { type: 'string', default: 'table' },
  },
  async run({ values }) {
    const remote = resolveRemote(values);
    const params = new URLSearchParams();
    for (const [flag, param] of Object.entries(FILTERS)) {
      const v = values[flag];
      if (typeof v === 'string') params.set(param, v);
    }
    const page = (await apiGet(remote, `/v1/events?${params}`)) as {
      events: SightlineEvent[];
      next_cursor?: string;
    };
    if (values.format === 'json') {
      console.log(JSON.stringify(page, null, 2));
      return 0;
    }
    const rows = page.events.map((e) => [
      e.ts.replace('T', ' ').slice(0, 19),
      e.kind,
      e.caller ?? '',
      e.model ?? '',
      e.source_ip ?? '',
      e.status,
      e.risk_score.toFixed(2),
      e.llm?.total_tokens?.toString() ?? '',
      [...new Set(e.findings.map((f) => f.category))].join(' '),
    ]);
    const head = ['time', 'kind', 'caller', 'model', 'ip', 'status', 'risk', 'tokens', 'findings'];
    const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
    const fmt = (r: string[]) => r.map((c, i) => c.slice(0, widths[i]).padEnd(widths[i]!)).join('  ');
    console.log(fmt(head));
    for (const r of rows) console.log(fmt(r));
    if (page.next_cursor) console.log(`… more: --cursor ${page.next_cursor}`);
    return 0;
  },
};
export default command;
