import { createReadStream, type ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The decompressed bytes of a file or of stdin (`-`). Gzip is recognised by its magic bytes, not
 * by the name, because exports are often renamed (CloudWatch `.gz` parts, S3 objects without one).
 */
export async function* openBytes(path: string): AsyncGenerator<Buffer> {
  const raw: Readable | ReadStream = path === '-' ? process.stdin : createReadStream(path);
  const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await it.next();
  if (first.done) return;
  const head = first.value;
  const rest = (async function* () {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) {
    yield* Readable.from(rest).pipe(createGunzip()) as AsyncIterable<Buffer>;
  } else {
    yield* rest;
  }
}
