import { randomFillSync } from 'node:crypto';

/**
 * Hex strings from the system CSPRNG, drawn from a pooled buffer: `randomBytes(8)` per call asks
 * OpenSSL for eight bytes each time, which on the gateway's path (one canary per call) cost more
 * than the canary's whole handling. Each byte is handed out once; the pool is then refilled.
 */
const POOL = Buffer.alloc(4096);
let offset = POOL.length;

export function randomHex(bytes: number): string {
  if (bytes > POOL.length) throw new RangeError(`randomHex: at most ${POOL.length} bytes`);
  if (offset + bytes > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const hex = POOL.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}
