import { z } from 'zod';
import { contentSchema, type EventContent } from './schema.js';

const shape = contentSchema.shape;
const message = shape.messages.unwrap().element.shape;
/** The smallest length bound of any content string, read from the schema itself. */
const SURELY_FITS_CHARS = Math.min(
  ...Object.values(shape)
    .map((s) => s.unwrap())
    .filter((s): s is z.ZodString => s instanceof z.ZodString)
    .map((s) => s.maxLength ?? Infinity),
  message.content.maxLength ?? Infinity,
);
const ROLE_CHARS = message.role.maxLength ?? Infinity;
/** At or below every list bound of the schema (messages 1,000, snippets 256); a test checks it. */
export const SURELY_FITS_MESSAGES = 256;

/**
 * Whether content passes the schema's bounds. Ordinary content is far inside every bound, which a
 * length check shows in a few microseconds; only content near a bound pays for the full schema
 * (zod over a chat costs tens of microseconds on the event loop that carries every gateway call).
 */
export function contentWithinBounds(content: EventContent): boolean {
  let surely = true;
  for (const [key, value] of Object.entries(content)) {
    if (value === undefined) continue;
    if (!(key in shape)) return false;
    if (typeof value === 'string') surely &&= value.length <= SURELY_FITS_CHARS;
    else if (key === 'messages' && Array.isArray(value) && value.length <= SURELY_FITS_MESSAGES)
      surely &&= (value as unknown[]).every((m) => {
        const msg = m as { role?: unknown; content?: unknown };
        return (
          typeof msg.role === 'string' &&
          msg.role.length <= ROLE_CHARS &&
          typeof msg.content === 'string' &&
          msg.content.length <= SURELY_FITS_CHARS &&
          Object.keys(msg).length === 2
        );
      });
    else surely = false;
    if (!surely) break;
  }
  return surely || contentSchema.safeParse(content).success;
}
