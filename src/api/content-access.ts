import type { Principal } from '../auth/api-keys.js';
import { can } from '../auth/roles.js';
import { ContentShreddedError, open } from '../crypto/seal.js';
import type { EventContent } from '../events/schema.js';
import type { ServerContext } from '../server-context.js';

export type ContentResult =
  { content: EventContent } | { content: null; content_error: 'shredded' | 'unreadable' };

/**
 * The only way content leaves the content tier: role-checked, decrypted in memory, and written
 * to the audit trail (who read which events) before it is returned.
 */
export async function readContent(
  ctx: ServerContext,
  principal: Principal,
  ids: readonly string[],
  reason: string,
): Promise<Map<string, ContentResult>> {
  if (!can(principal.role, 'content:read')) throw new Error('content read without content:read');
  const out = new Map<string, ContentResult>();
  if (ids.length === 0) return out;
  const sealed = await ctx.store.getSealedContent(ids);
  if (sealed.size === 0) return out;
  await ctx.audit.record({
    actor: `${principal.role}:${principal.principal}`,
    action: 'content.read',
    target: [...sealed.keys()].slice(0, 50).join(','),
    details: { events: sealed.size, reason, key_id: principal.keyId },
  });
  for (const [id, s] of sealed) {
    try {
      out.set(id, { content: JSON.parse(open(ctx.keys, id, s)) as EventContent });
    } catch (e) {
      out.set(id, {
        content: null,
        content_error: e instanceof ContentShreddedError ? 'shredded' : 'unreadable',
      });
    }
  }
  return out;
}
