import type { Context, Hono } from 'hono';
import { requirePermission } from '../api/auth-middleware.js';
import type { AppEnv } from '../api/env.js';
import type { EventInput } from '../events/schema.js';
import { scrub } from '../privacy/scrub.js';
import type { ServerContext, ServerModule } from '../server-context.js';
import { authFailureRecorder } from '../api/routes/events.js';
import { flatten } from './attributes.js';
import {
  decodeRequest,
  encodeResponse,
  encodingOf,
  inflate,
  OtlpBodyError,
  type Encoding,
} from './decode.js';
import { mapLogRecord, type OtlpLogRecord } from './map-log.js';
import { mapSpan, type OtlpSpan } from './map-span.js';
import { otlpStatusBody } from './status.js';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

function spansOf(req: Obj): { inputs: EventInput[]; total: number } {
  const inputs: EventInput[] = [];
  let total = 0;
  for (const rs of list(req.resourceSpans)) {
    const resource = flatten((rs.resource as Obj | undefined)?.attributes);
    for (const ss of list(rs.scopeSpans))
      for (const span of list(ss.spans)) {
        total++;
        const e = mapSpan(span as OtlpSpan, resource);
        if (e) inputs.push(e);
      }
  }
  return { inputs, total };
}

function logsOf(req: Obj): { inputs: EventInput[]; total: number } {
  const inputs: EventInput[] = [];
  let total = 0;
  for (const rl of list(req.resourceLogs)) {
    const resource = flatten((rl.resource as Obj | undefined)?.attributes);
    for (const sl of list(rl.scopeLogs))
      for (const rec of list(sl.logRecords)) {
        const e = mapLogRecord(rec as OtlpLogRecord, resource, `${total}-${String(rec.timeUnixNano ?? '')}`);
        total++;
        if (e) inputs.push(e);
      }
  }
  return { inputs, total };
}

function reply(
  c: Context<AppEnv>,
  signal: 'traces' | 'logs',
  encoding: Encoding,
  rejected: number,
  message: string,
) {
  const body = encodeResponse(signal, encoding, rejected, message);
  if (body instanceof Uint8Array)
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/x-protobuf' });
  return c.json(body, 200);
}

/** A failed export, answered as OTLP asks (a `google.rpc.Status`), with our reason as its message. */
function fail(
  c: Context<AppEnv>,
  status: 400 | 415 | 429 | 503,
  encoding: Encoding | undefined,
  message: string,
  headers: Record<string, string> = {},
) {
  const out = otlpStatusBody(status, message, encoding);
  return c.body(out.body, status, { 'content-type': out.contentType, ...headers });
}

/**
 * OTLP/HTTP receiver for traces and logs, JSON and protobuf, gzip or not. GenAI spans (semantic
 * conventions, OpenLLMetry/Traceloop, OpenInference) become canonical events; spans that are none
 * of ours are accepted and dropped, as a collector would filter them. Records that fail validation
 * are reported as a partial success, the rest stored.
 */
export function otlpModule(): ServerModule {
  return {
    name: 'otlp',
    routes(app: Hono<AppEnv>, ctx: ServerContext) {
      const need = requirePermission('events:write', ctx.authenticators, authFailureRecorder(ctx));
      for (const signal of ['traces', 'logs'] as const) {
        app.post(`/v1/${signal}`, need, async (c) => {
          const encoding = encodingOf(c.req.header('content-type'));
          if (!encoding)
            return fail(c, 415, encoding, 'content-type must be application/json or application/x-protobuf');
          const admission = ctx.ingestor.admission();
          if (!admission.ok)
            return fail(c, admission.status, encoding, admission.reason, {
              'Retry-After': String(admission.retryAfterSeconds),
            });
          let req: Obj;
          try {
            const raw = Buffer.from(await c.req.arrayBuffer());
            req = decodeRequest(
              signal,
              inflate(raw, c.req.header('content-encoding'), ctx.config.server.body_limit_bytes * 4),
              encoding,
            );
          } catch (e) {
            if (e instanceof OtlpBodyError) return fail(c, 400, encoding, e.message);
            throw e;
          }
          const { inputs } = signal === 'traces' ? spansOf(req) : logsOf(req);
          const principal = c.get('principal');
          const problems: string[] = [];
          if (inputs.length) {
            // Validation and the pipeline run on the ingest worker threads, as for /v1/events.
            const outcome = await ctx.ingestor.ingestBody(
              inputs.map((i) => JSON.stringify(i)).join('\n'),
              'application/x-ndjson',
              {
                source: 'otlp',
                tenant: principal.role === 'admin' ? undefined : principal.tenant,
              },
            );
            for (const e of outcome.errors) {
              const i = inputs[e.index];
              problems.push(
                scrub(`${i?.kind ?? 'record'} ${String(i?.span_id ?? '')}: ${e.path} ${e.message}`),
              );
            }
          }
          return reply(c, signal, encoding, problems.length, problems.slice(0, 5).join('; ').slice(0, 1000));
        });
      }
    },
  };
}
