/** Keyset cursor over (ts, id): stable under concurrent inserts, unlike OFFSET. */
export function encodeCursor(ts: string, id: string): string {
  return Buffer.from(JSON.stringify([ts, id])).toString('base64url');
}

export class BadCursorError extends Error {
  constructor() {
    super('cursor is not one this server issued');
  }
}

export function decodeCursor(cursor: string): { ts: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      if (!Number.isNaN(Date.parse(v[0]))) return { ts: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  throw new BadCursorError();
}
