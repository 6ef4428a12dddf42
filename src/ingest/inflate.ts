import { gunzipSync } from 'node:zlib';
import { BodyError } from './parse-body.js';

/** Inflates a gzip request body without letting a small bomb become a large allocation. */
export function inflate(body: Buffer, contentEncoding: string | undefined, maxBytes: number): Buffer {
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity') return body;
  if (enc !== 'gzip') throw new BodyError(`unsupported content-encoding ${enc.slice(0, 32)}`);
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (e) {
    const tooBig = e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new BodyError(tooBig ? `gzip body inflates beyond ${maxBytes} bytes` : 'invalid gzip body');
  }
}
