import type { EventContent, EventInput } from '../events/schema.js';
import { flatten, valueOf, type Flat } from './attributes.js';
import { isContentKey } from './content-keys.js';

export interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number | string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: unknown;
  events?: { name?: string; timeUnixNano?: string | number; attributes?: unknown }[];
  status?: { code?: number | string; message?: string };
}

const str = (v: Flat | undefined): string | undefined =>
  typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
const num = (v: Flat | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0
    ? Math.round(v)
    : typeof v === 'string' && /^\d+$/.test(v)
      ? Number(v)
      : undefined;
const first = (a: Record<string, Flat>, ...keys: string[]) => {
  for (const k of keys) if (a[k] !== undefined && a[k] !== null && a[k] !== '') return a[k];
  return undefined;
};

export function nanosToMs(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n > 0 ? n / 1e6 : undefined;
}

type Kind = EventInput['kind'];

/** Which canonical kind a span is, from the conventions of the three instrumentation families. */
function kindOf(a: Record<string, Flat>, name: string): Kind | undefined {
  const op = str(a['gen_ai.operation.name']);
  const oi = str(a['openinference.span.kind'])?.toUpperCase();
  const tl = str(a['traceloop.span.kind']);
  if (op === 'execute_tool' || oi === 'TOOL' || tl === 'tool') return 'tool.call';
  if (
    oi === 'RETRIEVER' ||
    op === 'retrieval' ||
    a['retrieval.documents.0.document.id'] !== undefined ||
    /retriev/i.test(name)
  )
    return 'retrieval';
  if (
    op ||
    oi === 'LLM' ||
    oi === 'EMBEDDING' ||
    a['gen_ai.system'] !== undefined ||
    a['gen_ai.provider.name'] !== undefined ||
    a['llm.request.type'] !== undefined
  )
    return 'llm.call';
  if (
    a['db.system'] !== undefined ||
    a['db.system.name'] !== undefined ||
    a['url.full'] !== undefined ||
    a['http.url'] !== undefined
  )
    return 'egress';
  return undefined;
}

/** Indexed message attributes (`gen_ai.prompt.0.role` / `.content`, OpenInference `llm.input_messages.0.message.*`). */
function indexedMessages(a: Record<string, Flat>, prefix: string, roleKey: string, contentKey: string) {
  const out: { role: string; content: string }[] = [];
  for (let i = 0; i < 256; i++) {
    const content = a[`${prefix}.${i}.${contentKey}`];
    if (content === undefined) {
      if (a[`${prefix}.${i}.${roleKey}`] === undefined) break;
      continue;
    }
    out.push({
      role: String(a[`${prefix}.${i}.${roleKey}`] ?? 'user').slice(0, 32),
      content: String(content),
    });
  }
  return out;
}

/** `gen_ai.input.messages` / `gen_ai.output.messages` (JSON, with `parts`) of the current conventions. */
function jsonMessages(v: Flat | undefined): { role: string; content: string }[] {
  if (typeof v !== 'string') return [];
  try {
    const list = JSON.parse(v) as {
      role?: string;
      content?: unknown;
      parts?: { type?: string; content?: unknown }[];
    }[];
    return list.map((m) => ({
      role: String(m.role ?? 'user').slice(0, 32),
      content:
        typeof m.content === 'string'
          ? m.content
          : (m.parts ?? []).map((p) => (typeof p.content === 'string' ? p.content : '')).join('\n'),
    }));
  } catch {
    return [];
  }
}

function contentOf(kind: Kind, a: Record<string, Flat>, span: OtlpSpan): EventContent | undefined {
  const input = [
    ...indexedMessages(a, 'gen_ai.prompt', 'role', 'content'),
    ...indexedMessages(a, 'llm.input_messages', 'message.role', 'message.content'),
    ...jsonMessages(a['gen_ai.input.messages']),
  ];
  const output = [
    ...indexedMessages(a, 'gen_ai.completion', 'role', 'content'),
    ...indexedMessages(a, 'llm.output_messages', 'message.role', 'message.content'),
    ...jsonMessages(a['gen_ai.output.messages']),
  ];
  // Older GenAI conventions put messages in span events.
  for (const e of span.events ?? []) {
    const ea = flatten(e.attributes);
    const c = str(ea['gen_ai.event.content'] ?? ea.content);
    if (!c) continue;
    if (e.name === 'gen_ai.choice' || e.name === 'gen_ai.content.completion')
      output.push({ role: 'assistant', content: c });
    else if (e.name?.startsWith('gen_ai.'))
      input.push({ role: e.name.replace(/^gen_ai\.|\.message$/g, '').slice(0, 32), content: c });
  }
  const c: EventContent = {};
  if (kind === 'llm.call') {
    const system = input.filter((m) => m.role === 'system').map((m) => m.content);
    if (input.length)
      c.messages = input
        .slice(0, 1000)
        .map((m) => ({ role: m.role, content: m.content.slice(0, 1_000_000) }));
    else if (str(a['input.value'])) c.prompt = str(a['input.value']);
    if (system.length) c.system_prompt = system.join('\n');
    const response = output.map((m) => m.content).join('\n') || str(a['output.value']);
    if (response) c.response = response;
  } else if (kind === 'tool.call') {
    const params = str(
      first(a, 'gen_ai.tool.call.arguments', 'tool.parameters', 'input.value', 'traceloop.entity.input'),
    );
    const result = str(first(a, 'gen_ai.tool.call.result', 'output.value', 'traceloop.entity.output'));
    if (params) c.tool_parameters = params;
    if (result) c.tool_result = result;
  } else if (kind === 'retrieval') {
    const q = str(first(a, 'input.value', 'gen_ai.retrieval.query', 'traceloop.entity.input'));
    if (q) c.query = q.slice(0, 100_000);
    const snippets: string[] = [];
    for (let i = 0; i < 256 && a[`retrieval.documents.${i}.document.id`] !== undefined; i++) {
      const t = str(a[`retrieval.documents.${i}.document.content`]);
      if (t) snippets.push(t.slice(0, 100_000));
    }
    if (snippets.length) c.snippets = snippets;
  } else if (kind === 'egress') {
    const stmt = str(first(a, 'db.query.text', 'db.statement'));
    if (stmt) c.body_sample = stmt.slice(0, 100_000);
  }
  return Object.keys(c).length ? c : undefined;
}

/** Metadata attributes to keep: everything unknown that is not content, bounded by the schema. */
function keptAttributes(a: Record<string, Flat>, resource: Record<string, Flat>): Record<string, Flat> {
  const out: Record<string, Flat> = {};
  let n = 0;
  for (const [k, v] of [
    ...Object.entries(a),
    ...Object.entries(resource).map(([k, v]) => [`resource.${k}`, v] as const),
  ]) {
    if (n >= 60) break;
    if (isContentKey(k) || k.length > 128) continue;
    out[k] = typeof v === 'string' ? v.slice(0, 2048) : v;
    n++;
  }
  return out;
}

/**
 * One OTLP span → one canonical event, or undefined for spans that are none of ours (an HTTP
 * server span, a framework's internal step). Ids are derived from trace and span id, so a retried
 * export does not store a span twice.
 */
export function mapSpan(span: OtlpSpan, resourceAttrs: Record<string, Flat>): EventInput | undefined {
  const a = flatten(span.attributes);
  const name = String(span.name ?? '');
  const kind = kindOf(a, name);
  if (!kind || !span.traceId || !span.spanId) return undefined;
  const start = nanosToMs(span.startTimeUnixNano);
  const end = nanosToMs(span.endTimeUnixNano);
  const errored = span.status?.code === 2 || span.status?.code === 'STATUS_CODE_ERROR';
  const event: EventInput = {
    id: `otlp-${span.traceId}-${span.spanId}`.slice(0, 128),
    kind,
    source: 'otlp',
    ...(start ? { ts: Math.round(start) } : {}),
    trace_id: span.traceId,
    span_id: span.spanId,
    ...(span.parentSpanId ? { parent_span_id: span.parentSpanId } : {}),
    caller:
      str(first(a, 'enduser.id', 'user.id', 'gen_ai.user.id', 'llm.user')) ??
      str(resourceAttrs['service.name']),
    session_id: str(
      first(a, 'session.id', 'gen_ai.conversation.id', 'traceloop.association.properties.session_id'),
    ),
    status: errored ? 'error' : 'ok',
    ...(errored ? { error_code: str(first(a, 'error.type', 'exception.type')) ?? 'span_error' } : {}),
    ...(start && end && end >= start ? { latency_ms: Math.round((end - start) * 1000) / 1000 } : {}),
    attributes: { 'otel.span.name': name.slice(0, 2048), ...keptAttributes(a, resourceAttrs) },
    content: contentOf(kind, a, span),
  };
  if (kind === 'llm.call') {
    event.provider = str(
      first(a, 'gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system', 'llm.vendor'),
    );
    event.model = str(
      first(
        a,
        'gen_ai.response.model',
        'gen_ai.request.model',
        'llm.model_name',
        'llm.request.model',
        'llm.response.model',
      ),
    );
    const reasons = valueOf(span.attributes, 'gen_ai.response.finish_reasons');
    event.llm = {
      operation: str(first(a, 'gen_ai.operation.name', 'llm.request.type')),
      input_tokens: num(
        first(
          a,
          'gen_ai.usage.input_tokens',
          'gen_ai.usage.prompt_tokens',
          'llm.token_count.prompt',
          'llm.usage.prompt_tokens',
        ),
      ),
      output_tokens: num(
        first(
          a,
          'gen_ai.usage.output_tokens',
          'gen_ai.usage.completion_tokens',
          'llm.token_count.completion',
          'llm.usage.completion_tokens',
        ),
      ),
      total_tokens: num(first(a, 'llm.usage.total_tokens', 'llm.token_count.total')),
      stream:
        typeof a['gen_ai.request.stream'] === 'boolean'
          ? (a['gen_ai.request.stream'] as boolean)
          : typeof a['llm.is_streaming'] === 'boolean'
            ? (a['llm.is_streaming'] as boolean)
            : undefined,
      finish_reason: Array.isArray(reasons)
        ? String(reasons[0] ?? '').slice(0, 512) || undefined
        : str(a['gen_ai.response.finish_reasons']),
    };
  } else if (kind === 'tool.call') {
    const approval = str(first(a, 'tool.approval_status', 'gen_ai.tool.approval'));
    event.tool = {
      name: (str(first(a, 'gen_ai.tool.name', 'tool.name', 'traceloop.entity.name')) ?? name).slice(0, 512),
      result_status: errored ? 'error' : 'ok',
      ...(approval && ['approved', 'denied', 'not_required', 'missing', 'pending'].includes(approval)
        ? { approval_status: approval as 'approved' }
        : {}),
      ...(start && end && end >= start ? { duration_ms: Math.round((end - start) * 1000) / 1000 } : {}),
    };
  } else if (kind === 'retrieval') {
    const ids: string[] = [];
    const scores: number[] = [];
    for (let i = 0; i < 256 && a[`retrieval.documents.${i}.document.id`] !== undefined; i++) {
      ids.push(String(a[`retrieval.documents.${i}.document.id`]).slice(0, 512));
      const s = a[`retrieval.documents.${i}.document.score`];
      if (typeof s === 'number') scores.push(s);
    }
    const decision = str(a['retrieval.access_decision']);
    event.retrieval = {
      ...(ids.length ? { document_ids: ids } : {}),
      ...(scores.length ? { similarity: scores } : {}),
      source: str(first(a, 'db.system', 'gen_ai.data_source.id', 'retrieval.source'))?.slice(0, 512),
      user: str(first(a, 'enduser.id', 'user.id'))?.slice(0, 512),
      ...(decision === 'allowed' || decision === 'denied' || decision === 'filtered'
        ? { access_decision: decision }
        : {}),
    };
  } else if (kind === 'egress') {
    const url = str(first(a, 'url.full', 'http.url'));
    let destination: string | undefined;
    try {
      destination = url
        ? new URL(url).host
        : str(first(a, 'server.address', 'net.peer.name', 'db.system.name', 'db.system'));
    } catch {
      destination = undefined;
    }
    const status = num(first(a, 'http.response.status_code', 'http.status_code'));
    event.egress = {
      destination: (destination ?? 'unknown').slice(0, 512),
      ...(url ? { url: url.split('?')[0]!.slice(0, 2048) } : {}),
      method: str(first(a, 'http.request.method', 'http.method', 'db.operation.name', 'db.operation'))?.slice(
        0,
        512,
      ),
      ...(status !== undefined && status < 1000 ? { status_code: status } : {}),
    };
  }
  return event;
}
