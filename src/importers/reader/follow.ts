import { open, stat } from 'node:fs/promises';

export interface FollowOptions {
  signal: AbortSignal;
  /** How often to look for new bytes. */
  pollMs?: number;
}

/**
 * The bytes of a growing file, like `tail -f -n +1`: everything already there, then whatever is
 * appended, until the signal aborts. A file that shrinks (truncated or rotated in place) is read
 * again from the start. Polling, not fs.watch: watch events are unreliable on network and
 * container file systems, and a half-second delay does not matter for log import.
 */
export async function* followBytes(path: string, opts: FollowOptions): AsyncGenerator<Buffer> {
  const pollMs = opts.pollMs ?? 500;
  let offset = 0;
  const buf = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    // Checked after reading, so bytes written before the stop request are never left behind.
    const stopping = opts.signal.aborted;
    const size = (await stat(path)).size;
    if (size < offset) offset = 0;
    if (size > offset) {
      const fh = await open(path, 'r');
      try {
        while (offset < size) {
          const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - offset), offset);
          if (bytesRead === 0) break;
          offset += bytesRead;
          yield Buffer.from(buf.subarray(0, bytesRead));
        }
      } finally {
        await fh.close();
      }
      continue;
    }
    if (stopping) return;
    await sleep(pollMs, opts.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
