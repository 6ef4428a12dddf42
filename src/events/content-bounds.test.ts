import { describe, expect, it } from 'vitest';
import { contentWithinBounds, SURELY_FITS_MESSAGES } from './content-bounds.js';
import { contentSchema, type EventContent } from './schema.js';

const agree = (c: EventContent) => expect(contentWithinBounds(c)).toBe(contentSchema.safeParse(c).success);

describe('contentWithinBounds', () => {
  it('never accepts what the schema refuses, at the edge of the fast path and beyond it', () => {
    // The largest content the length check alone accepts must pass the schema.
    const edge: EventContent = {
      query: 'q'.repeat(100_000),
      response: 'r'.repeat(100_000),
      messages: Array.from({ length: SURELY_FITS_MESSAGES }, () => ({
        role: 'u'.repeat(32),
        content: 'm'.repeat(100_000),
      })),
    };
    expect(contentSchema.safeParse(edge).success).toBe(true);
    expect(contentWithinBounds(edge)).toBe(true);
    agree({ query: 'q'.repeat(100_001) });
    agree({ prompt: 'p'.repeat(1_000_001) });
    agree({ prompt: 'p'.repeat(500_000) });
    agree({ messages: [{ role: 'r'.repeat(33), content: 'x' }] });
    agree({ messages: Array.from({ length: 1001 }, () => ({ role: 'user', content: 'x' })) });
    agree({ messages: Array.from({ length: 600 }, () => ({ role: 'user', content: 'x' })) });
    agree({ messages: [{ role: 'user', content: 'x', name: 'extra' } as never] });
    agree({ unknown_field: 'x' } as never);
    agree({ snippets: Array.from({ length: 257 }, () => 's') });
  });
});
