import type { Hono } from 'hono';
import type { AppEnv } from '../api/env.js';
import type { ServerModule } from '../server-context.js';
import { anthropicMessages } from './adapters/anthropic-messages.js';
import { openAiChat } from './adapters/openai-chat.js';
import { openAiCompletions, openAiEmbeddings, openAiResponses } from './adapters/openai-other.js';
import { gatewayHandler } from './handler.js';
import { modelsHandler } from './models.js';
import { QuotaTracker } from './quotas.js';
import { GatewayRecorder } from './recorder.js';
import { UpstreamRouter } from './upstreams.js';

/** The OpenAI- and Anthropic-compatible proxy, mounted at the provider paths under /v1. */
export function gatewayModule(): ServerModule {
  let recorder: GatewayRecorder | undefined;
  let unsubscribe: (() => void) | undefined;
  return {
    name: 'gateway',
    async stop() {
      unsubscribe?.();
      await recorder?.drain();
    },
    routes(app: Hono<AppEnv>, ctx) {
      if (!ctx.config.gateway.enabled) return;
      recorder = new GatewayRecorder(ctx);
      ctx.ingestor.registerSource(recorder);
      const quotas = new QuotaTracker();
      const deps = { ctx, router: new UpstreamRouter(ctx.config.gateway.upstreams), quotas, recorder };
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
      app.post('/v1/chat/completions', gatewayHandler(deps, openAiChat));
      app.post('/v1/completions', gatewayHandler(deps, openAiCompletions));
      app.post('/v1/embeddings', gatewayHandler(deps, openAiEmbeddings));
      app.post('/v1/responses', gatewayHandler(deps, openAiResponses));
      app.post('/v1/messages', gatewayHandler(deps, anthropicMessages));
      app.get('/v1/models', modelsHandler(deps));
    },
  };
}
