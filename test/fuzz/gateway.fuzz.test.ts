import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anthropicMessages } from '../../src/gateway/adapters/anthropic-messages.js';
import { openAiChat } from '../../src/gateway/adapters/openai-chat.js';
import {
  openAiCompletions,
  openAiEmbeddings,
  openAiResponses,
} from '../../src/gateway/adapters/openai-other.js';
import type { Adapter, Json } from '../../src/gateway/adapters/types.js';
import { SseParser } from '../../src/gateway/sse.js';

const ADAPTERS: [string, Adapter][] = [
  ['openai chat', openAiChat],
  ['openai completions', openAiCompletions],
  ['openai embeddings', openAiEmbeddings],
  ['openai responses', openAiResponses],
  ['anthropic messages', anthropicMessages],
];

/** Request-shaped bodies: the right keys with any values, plus arbitrary extra keys. */
const body = fc.record(
  {
    model: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    stream: fc.oneof(fc.boolean(), fc.string()),
    messages: fc.oneof(
      fc.array(
        fc.record(
          {
            role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool'), fc.string()),
            content: fc.jsonValue({ maxDepth: 3 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 5 },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    prompt: fc.jsonValue({ maxDepth: 2 }),
    input: fc.jsonValue({ maxDepth: 3 }),
    system: fc.jsonValue({ maxDepth: 3 }),
    instructions: fc.jsonValue({ maxDepth: 2 }),
    extra: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
  },
  { requiredKeys: [] },
);

describe('fuzz: gateway request and response bodies', () => {
  for (const [name, a] of ADAPTERS) {
    it(`${name}: any request body is either refused with a reason or fully handled`, () => {
      fc.assert(
        fc.property(body, (b) => {
          const json = structuredClone(b) as Json;
          const problem = a.invalid(json);
          if (problem !== undefined) {
            expect(typeof problem).toBe('string');
            return;
          }
          a.model(json);
          a.stream(json);
          for (const slot of a.requestSlots(json)) slot.set(`[x]${slot.text.length}`);
          a.addSystemText(json, 'canary');
          a.prepareStream?.(json);
          a.content(json);
        }),
        { numRuns: 200 },
      );
    });

    it(`${name}: any upstream response is read without throwing, any stream event sequence survived`, () => {
      fc.assert(
        fc.property(
          fc.jsonValue({ maxDepth: 4 }),
          fc.array(fc.string({ maxLength: 200 }), { maxLength: 10 }),
          (resp, events) => {
            const json = (
              resp && typeof resp === 'object' && !Array.isArray(resp) ? resp : { value: resp }
            ) as Json;
            a.responseSlots(json);
            a.usage(json);
            a.finish(json);
            const acc = a.accumulator();
            // The stream loop catches what push throws (a data line that is not JSON), so the
            // property is that the accumulator's state survives any sequence.
            for (const e of [...events, JSON.stringify(resp)]) {
              try {
                acc.push(e, 'message_delta');
              } catch (err) {
                expect(err).toBeInstanceOf(Error);
              }
            }
            expect(typeof acc.text).toBe('string');
          },
        ),
        { numRuns: 200 },
      );
    });
  }
});

describe('fuzz: SSE parser', () => {
  it('any text in any chunking yields the same events', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.array(fc.nat(500), { maxLength: 8 }), (text, cuts) => {
        const whole: string[] = [];
        const p1 = new SseParser((d) => whole.push(d));
        p1.feed(text);
        p1.end();
        const parts: string[] = [];
        const p2 = new SseParser((d) => parts.push(d));
        let at = 0;
        for (const c of [...cuts].sort((x, y) => x - y)) {
          // A CR LF split across chunks is legal SSE; keep the pair together for the comparison.
          const cut = text[c - 1] === '\r' ? c + 1 : c;
          p2.feed(text.slice(at, Math.max(at, cut)));
          at = Math.max(at, cut);
        }
        p2.feed(text.slice(at));
        p2.end();
        expect(parts).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('one event of very many data lines stays linear and bounded', () => {
    const events: string[] = [];
    const p = new SseParser((d) => events.push(d));
    const start = performance.now();
    const chunk = 'data: x\n'.repeat(10_000);
    for (let i = 0; i < 20; i++) p.feed(chunk);
    p.feed('data: \n'.repeat(200_000));
    p.end();
    expect(performance.now() - start).toBeLessThan(2000);
    expect(events.length).toBeLessThanOrEqual(1);
  });
});
