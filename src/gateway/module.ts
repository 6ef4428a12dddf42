import type { Hono } from 'hono';
import type { AppEnv } from '../api/env.js';
import type { NodeRoute, ServerContext, ServerModule } from '../server-context.js';
import { anthropicMessages } from './adapters/anthropic-messages.js';
import { openAiChat } from './adapters/openai-chat.js';
import { openAiCompletions, openAiEmbeddings, openAiResponses } from './adapters/openai-other.js';
import type { Adapter } from './adapters/types.js';
import { gatewayHandler, type GatewayDeps } from './handler.js';
import { Exchange } from './http/exchange.js';
import { modelsHandler } from './models.js';
import { QuotaTracker } from './quotas.js';
import { GatewayRecorder } from './recorder.js';
import { UpstreamAgents } from './upstream-client.js';
import { StableFindings } from '../pipeline/stable-findings.js';
import { UpstreamRouter } from './upstreams.js';

const PROXIED: Record<string, Adapter> = {
  'POST /v1/chat/completions': openAiChat,
  'POST /v1/completions': openAiCompletions,
  'POST /v1/embeddings': openAiEmbeddings,
  'POST /v1/responses': openAiResponses,
  'POST /v1/messages': anthropicMessages,
};

/** The OpenAI- and Anthropic-compatible proxy, mounted at the provider paths under /v1. */
export function gatewayModule(): ServerModule {
  let deps: GatewayDeps | undefined;
  let unsubscribe: (() => void) | undefined;
  const setup = (ctx: ServerContext): GatewayDeps => {
    if (deps) return deps;
    const recorder = new GatewayRecorder(ctx);
    ctx.ingestor.registerSource(recorder);
    const quotas = new QuotaTracker();
    // Tokens and cost are known once the pipeline has priced the call (enrich stage).
    unsubscribe = ctx.ingestor.onEvents((events) => {
      for (const e of events)
        if (e.source === 'gateway' && e.kind === 'llm.call' && e.caller && e.llm)
          quotas.charge(
            e.caller,
            e.model,
            (e.llm.input_tokens ?? 0) + (e.llm.output_tokens ?? 0),
            e.llm.cost_usd ?? 0,
          );
    });
    deps = {
      ctx,
      router: new UpstreamRouter(ctx.config.gateway.upstreams),
      agents: new UpstreamAgents(),
      stable: new StableFindings(),
      quotas,
      recorder,
    };
    return deps;
  };
  return {
    name: 'gateway',
    async stop() {
      unsubscribe?.();
      await deps?.recorder.drain();
      deps?.agents.close();
    },
    routes(app: Hono<AppEnv>, ctx) {
      if (!ctx.config.gateway.enabled) return;
      app.get('/v1/models', modelsHandler(setup(ctx)));
    },
    nodeRoutes(ctx) {
      if (!ctx.config.gateway.enabled) return {};
      const d = setup(ctx);
      const trusted = ctx.config.server.trusted_proxies;
      const out: Record<string, NodeRoute> = {};
      for (const [route, adapter] of Object.entries(PROXIED)) {
        const handle = gatewayHandler(d, adapter);
        out[route] = (req, res) => handle(new Exchange(req, res, trusted));
      }
      return out;
    },
  };
}
