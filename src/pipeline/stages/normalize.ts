import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EventContent, SightlineEvent, ValidEventInput } from '../../events/schema.js';
import { contentParts } from '../content-parts.js';
import type { WorkingEvent } from '../types.js';

/** Who sent the event, decided by the server and not by the record: it overrides the record. */
export interface Provenance {
  source?: SightlineEvent['source'];
  /** Set when the sender may only report as itself (an ingest key bound to a principal). */
  caller?: string;
  tenant?: string;
}

export const normalizeConfigSchema = z.object({ default_tenant: z.string().default('default') }).strict();

/** Turns a validated input into a working event with every default filled in. */
export function normalize(
  input: ValidEventInput,
  provenance: Provenance,
  defaultTenant: string,
  now = new Date(),
): WorkingEvent {
  const content = input.content;
  const nowIso = now.toISOString();
  // One object literal with every field in a fixed order: V8 gives all events the same hidden
  // class, which keeps the later stages and the store's appender on fast property access.
  const event: SightlineEvent = {
    id: input.id ?? randomUUID(),
    ts: input.ts ?? nowIso,
    kind: input.kind,
    tenant: provenance.tenant ?? input.tenant ?? defaultTenant,
    trace_id: input.trace_id,
    span_id: input.span_id,
    parent_span_id: input.parent_span_id,
    session_id: input.session_id,
    caller: provenance.caller ?? input.caller,
    team: input.team,
    auth_method: input.auth_method,
    source_ip: input.source_ip,
    user_agent: input.user_agent,
    source: provenance.source ?? input.source ?? 'api',
    provider: input.provider,
    model: input.model,
    deployment: input.deployment,
    region: input.region,
    status: input.status ?? defaultStatus(input),
    error_code: input.error_code,
    latency_ms: input.latency_ms,
    attributes: input.attributes,
    llm: input.llm,
    guardrail: input.guardrail,
    retrieval: input.retrieval,
    tool: input.tool,
    egress: input.egress,
    prompt_change: input.prompt_change,
    control: input.control,
    auth: input.auth,
    prediction: input.prediction,
    risk_score: 0,
    findings: [],
    input_hash: undefined,
    output_hash: undefined,
    input_stats: undefined,
    output_stats: undefined,
    has_content: false,
    ingested_at: nowIso,
  };
  const c: EventContent | undefined =
    content && Object.keys(content).length ? structuredCopy(content) : undefined;
  return { event, content: c, parts: contentParts(c), findings: [] };
}

function defaultStatus(input: ValidEventInput): SightlineEvent['status'] {
  if (input.auth?.outcome === 'denied') return 'denied';
  if (input.guardrail?.action === 'block' || input.llm?.guardrail_action === 'block') return 'blocked';
  if (input.error_code) return 'error';
  return 'ok';
}

/** Content is redacted in place later; copying keeps the caller's object untouched. */
function structuredCopy(c: EventContent): EventContent {
  return {
    ...c,
    messages: c.messages?.map((m) => ({ ...m })),
    snippets: c.snippets ? [...c.snippets] : undefined,
  };
}
