import { collector } from './proto.js';

import { BodyError } from '../ingest/parse-body.js';

export { inflate } from '../ingest/inflate.js';

/** Same class as the ingest API's body errors: both answer 400 with the message. */
export const OtlpBodyError = BodyError;

export type Encoding = 'json' | 'protobuf';

export function encodingOf(contentType: string | undefined): Encoding | undefined {
  const t = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (t === 'application/json') return 'json';
  if (t === 'application/x-protobuf' || t === 'application/protobuf') return 'protobuf';
  return undefined;
}

const bytesToHex = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  // protobufjs renders bytes as base64; OTLP/JSON carries trace and span ids as hex.
  return Buffer.from(v, 'base64').toString('hex');
};

/** Rewrites protobuf-decoded ids (base64) to the hex form OTLP/JSON uses, in place. */
function idsToHex(obj: Record<string, unknown>, container: string, inner: string, item: string): void {
  for (const r of (obj[container] as Record<string, unknown>[] | undefined) ?? [])
    for (const s of (r[inner] as Record<string, unknown>[] | undefined) ?? [])
      for (const x of (s[item] as Record<string, unknown>[] | undefined) ?? []) {
        for (const k of ['traceId', 'spanId', 'parentSpanId'])
          if (x[k] !== undefined) x[k] = bytesToHex(x[k]);
        for (const l of (x.links as Record<string, unknown>[] | undefined) ?? [])
          for (const k of ['traceId', 'spanId']) if (l[k] !== undefined) l[k] = bytesToHex(l[k]);
      }
}

export function decodeRequest(
  signal: 'traces' | 'logs',
  body: Buffer,
  encoding: Encoding,
): Record<string, unknown> {
  if (encoding === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new OtlpBodyError('invalid JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new OtlpBodyError('body must be a JSON object');
    return parsed as Record<string, unknown>;
  }
  const type =
    signal === 'traces'
      ? collector.trace.v1.ExportTraceServiceRequest
      : collector.logs.v1.ExportLogsServiceRequest;
  let obj: Record<string, unknown>;
  try {
    obj = type.toObject(type.decode(body), { longs: String, bytes: String, defaults: false });
  } catch {
    throw new OtlpBodyError('invalid protobuf body');
  }
  if (signal === 'traces') idsToHex(obj, 'resourceSpans', 'scopeSpans', 'spans');
  else idsToHex(obj, 'resourceLogs', 'scopeLogs', 'logRecords');
  return obj;
}

/** The OTLP response body in the request's encoding; `rejected` items make it a partial success. */
export function encodeResponse(
  signal: 'traces' | 'logs',
  encoding: Encoding,
  rejected: number,
  message: string,
): Uint8Array | Record<string, unknown> {
  const partial = rejected
    ? {
        partialSuccess:
          signal === 'traces'
            ? { rejectedSpans: rejected, errorMessage: message }
            : { rejectedLogRecords: rejected, errorMessage: message },
      }
    : {};
  if (encoding === 'json') return partial;
  const type =
    signal === 'traces'
      ? collector.trace.v1.ExportTraceServiceResponse
      : collector.logs.v1.ExportLogsServiceResponse;
  return type.encode(type.fromObject(partial)).finish();
}
