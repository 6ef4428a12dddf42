import type { Encoding } from './decode.js';

/** gRPC status codes OTLP clients read from a failed export (google.rpc.Code). */
const GRPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  413: 3,
  415: 3,
  429: 8, // RESOURCE_EXHAUSTED
  500: 13, // INTERNAL
  503: 14, // UNAVAILABLE
};

/**
 * The body of a failed OTLP/HTTP export: a `google.rpc.Status` in the request's own encoding, as
 * the OTLP specification asks, so an SDK exporter can log the reason. Protobuf by hand: it is two
 * fields (1: code varint, 2: message string), not worth a generated class.
 */
export function otlpStatusBody(
  httpStatus: number,
  message: string,
  encoding: Encoding | undefined,
): { body: Uint8Array<ArrayBuffer> | string; contentType: string } {
  const code = GRPC_CODE[httpStatus] ?? 2; // UNKNOWN
  if (encoding !== 'protobuf')
    return { body: JSON.stringify({ code, message }), contentType: 'application/json' };
  const text = Buffer.from(message, 'utf8');
  const out: number[] = [0x08, ...varint(code), 0x12, ...varint(text.length)];
  return {
    body: new Uint8Array(Buffer.concat([Buffer.from(out), text])),
    contentType: 'application/x-protobuf',
  };
}

function varint(n: number): number[] {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return bytes;
}
