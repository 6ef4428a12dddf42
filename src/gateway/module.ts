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
  return {
    name: 'gateway',
    async stop() {
      await recorder?.drain();
    },
    routes(app: Hono<AppEnv>, ctx) {
      if (!ctx.config.gateway.enabled) return;
      recorder = new GatewayRecorder(ctx);
      ctx.ingestor.registerSource(recorder);
      const deps = {
        ctx,
        router: new UpstreamRouter(ctx.config.gateway.upstreams),
        quotas: new QuotaTracker(),
        recorder,
      };
      app.post('/v1/chat/completions', gatewayHandler(deps, openAiChat));
      app.post('/v1/completions', gatewayHandler(deps, openAiCompletions));
      app.post('/v1/embeddings', gatewayHandler(deps, openAiEmbeddings));
      app.post('/v1/responses', gatewayHandler(deps, openAiResponses));
      app.post('/v1/messages', gatewayHandler(deps, anthropicMessages));
      app.get('/v1/models', modelsHandler(deps));
    },
  };
}
