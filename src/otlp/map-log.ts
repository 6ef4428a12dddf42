import type { EventInput } from '../events/schema.js';
import { flatten, type Flat } from './attributes.js';
import { isContentKey } from './content-keys.js';
import { nanosToMs } from './map-span.js';

export interface OtlpLogRecord {
  timeUnixNano?: string | number;
  observedTimeUnixNano?: string | number;
  eventName?: string;
  severityText?: string;
  body?: { stringValue?: string; kvlistValue?: unknown };
  attributes?: unknown;
  traceId?: string;
  spanId?: string;
}

function bodyText(body: OtlpLogRecord['body']): { role?: string; content?: string } {
  if (!body) return {};
  if (typeof body.stringValue === 'string') return { content: body.stringValue };
  const kv = flatten((body.kvlistValue as { values?: unknown } | undefined)?.values);
  const message = kv.message;
  let content = typeof kv.content === 'string' ? kv.content : undefined;
  if (!content && typeof message === 'string') {
    try {
      const m = JSON.parse(message) as { content?: unknown };
      if (typeof m.content === 'string') content = m.content;
    } catch {
      content = message;
    }
  }
  return { role: typeof kv.role === 'string' ? kv.role : undefined, content };
}

/**
 * GenAI log events (`gen_ai.user.message`, `gen_ai.system.message`, `gen_ai.choice`, ...) carry the
 * message text the span omits. Each becomes an `llm.call` record in the same trace and span, with
 * its text in the content tier; other log records are not ours and are skipped.
 */
export function mapLogRecord(
  r: OtlpLogRecord,
  resource: Record<string, Flat>,
  index: string,
): EventInput | undefined {
  const a = flatten(r.attributes);
  const name = r.eventName ?? (typeof a['event.name'] === 'string' ? a['event.name'] : undefined);
  if (!name?.startsWith('gen_ai.')) return undefined;
  const { role, content } = bodyText(r.body);
  const ts = nanosToMs(r.timeUnixNano) ?? nanosToMs(r.observedTimeUnixNano);
  const isOutput = name === 'gen_ai.choice' || name.endsWith('.completion');
  const attributes: Record<string, Flat> = { 'otel.event.name': name };
  for (const [k, v] of Object.entries(a))
    if (!isContentKey(k) && Object.keys(attributes).length < 60)
      attributes[k] = typeof v === 'string' ? v.slice(0, 2048) : v;
  return {
    id: `otlplog-${r.traceId ?? 'none'}-${r.spanId ?? 'none'}-${index}`.slice(0, 128),
    kind: 'llm.call',
    source: 'otlp',
    ...(ts ? { ts: Math.round(ts) } : {}),
    ...(r.traceId ? { trace_id: r.traceId } : {}),
    ...(r.spanId ? { parent_span_id: r.spanId } : {}),
    caller: typeof resource['service.name'] === 'string' ? resource['service.name'] : undefined,
    provider: typeof a['gen_ai.system'] === 'string' ? a['gen_ai.system'] : undefined,
    llm: { operation: `event:${name}`.slice(0, 512) },
    attributes,
    ...(content
      ? {
          content: isOutput
            ? { response: content }
            : role === 'system' || name === 'gen_ai.system.message'
              ? { system_prompt: content }
              : { prompt: content },
        }
      : {}),
  };
}
