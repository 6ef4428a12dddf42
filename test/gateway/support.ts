import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { SightlineConfigInput } from '../../src/config/schema.js';
import type { SightlineEvent } from '../../src/events/schema.js';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream.js';
import { startTestServer, type TestServer } from '../support/server.js';

export const UPSTREAM_SECRET = 'upstream-secret-held-by-gateway';

export interface GatewayHarness {
  s: TestServer;
  up: FakeUpstream;
  openai(key: string, opts?: { maxRetries?: number; timeout?: number }): OpenAI;
  anthropic(key: string): Anthropic;
  events(kind?: SightlineEvent['kind']): Promise<SightlineEvent[]>;
  close(): Promise<void>;
}

/** A Sightline server whose gateway routes to a fake provider on loopback, and real SDK clients. */
export async function startGateway(
  extra: SightlineConfigInput = {},
  /** Upstreams routed before the standard ones, given the fake provider's URL. */
  first: (
    upstreamUrl: string,
  ) => NonNullable<NonNullable<SightlineConfigInput['gateway']>['upstreams']> = () => [],
): Promise<GatewayHarness> {
  process.env.SL_TEST_UPSTREAM_KEY = UPSTREAM_SECRET;
  const up = await startFakeUpstream();
  const s = await startTestServer({
    content_logging: { enabled: true },
    ...extra,
    gateway: {
      upstreams: [
        ...first(up.url),
        {
          name: 'hanging',
          kind: 'openai',
          base_url: `${up.url}/v1`,
          models: ['hang'],
          timeout_ms: 300,
          retries: 0,
        },
        {
          name: 'claude',
          kind: 'anthropic',
          base_url: up.url,
          api_key_env: 'SL_TEST_UPSTREAM_KEY',
          models: ['claude-*', 'leak'],
        },
        {
          name: 'fake-openai',
          kind: 'openai',
          base_url: `${up.url}/v1`,
          api_key_env: 'SL_TEST_UPSTREAM_KEY',
          models: ['*'],
          timeout_ms: 5000,
        },
      ],
      ...(extra.gateway ?? {}),
    },
  });
  return {
    s,
    up,
    openai: (key, opts = {}) =>
      new OpenAI({
        apiKey: key,
        baseURL: `${s.url}/v1`,
        maxRetries: opts.maxRetries ?? 0,
        timeout: opts.timeout ?? 10_000,
      }),
    anthropic: (key) => new Anthropic({ apiKey: key, baseURL: s.url, maxRetries: 0 }),
    async events(kind) {
      await s.ctx.ingestor.flush();
      return (
        await s.ctx.store.queryEvents({ limit: 1000, order: 'asc', ...(kind ? { kinds: [kind] } : {}) })
      ).events;
    },
    async close() {
      await s.close();
      await up.close();
    },
  };
}
