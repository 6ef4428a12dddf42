import type { GatewayPolicy } from '../config/gateway-schema.js';

interface Window {
  minute: number;
  requests: number;
  tokens: number;
}

export type QuotaVerdict = { ok: true } | { ok: false; reason: string; retryAfterSeconds: number };

/**
 * Per-identity and per-identity-and-model counters in fixed one-minute windows, plus cost per UTC
 * day. In memory: a hot-path check is a few map reads. With several gateway nodes each enforces
 * its share; put a shared limiter in front if exact global limits matter.
 */
export class QuotaTracker {
  private readonly windows = new Map<string, Window>();
  private readonly dailyCost = new Map<string, { day: string; usd: number }>();

  check(
    identity: string,
    model: string | undefined,
    policy: GatewayPolicy,
    emergencyRpm?: number,
    now = Date.now(),
  ): QuotaVerdict {
    const minute = Math.floor(now / 60_000);
    const retryAfterSeconds = Math.max(1, 60 - Math.floor((now % 60_000) / 1000));
    const w = this.window(identity, minute);
    if (emergencyRpm !== undefined && w.requests >= emergencyRpm)
      return { ok: false, reason: 'emergency rate limit in force for this identity', retryAfterSeconds };
    const q = policy.quotas;
    if (q.requests_per_minute !== undefined && w.requests >= q.requests_per_minute)
      return { ok: false, reason: 'requests per minute quota reached', retryAfterSeconds };
    if (q.tokens_per_minute !== undefined && w.tokens >= q.tokens_per_minute)
      return { ok: false, reason: 'tokens per minute quota reached', retryAfterSeconds };
    const mq = model ? policy.model_quotas[model] : undefined;
    if (mq) {
      const mw = this.window(`${identity}\u0000${model}`, minute);
      if (mq.requests_per_minute !== undefined && mw.requests >= mq.requests_per_minute)
        return { ok: false, reason: `requests per minute quota for ${model} reached`, retryAfterSeconds };
      if (mq.tokens_per_minute !== undefined && mw.tokens >= mq.tokens_per_minute)
        return { ok: false, reason: `tokens per minute quota for ${model} reached`, retryAfterSeconds };
    }
    if (q.daily_cost_usd !== undefined) {
      const day = new Date(now).toISOString().slice(0, 10);
      const spent = this.dailyCost.get(identity);
      if (spent && spent.day === day && spent.usd >= q.daily_cost_usd) {
        const midnight = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
        return {
          ok: false,
          reason: 'daily cost budget reached',
          retryAfterSeconds: Math.ceil((midnight - now) / 1000),
        };
      }
    }
    return { ok: true };
  }

  /** Counts a request as it is admitted, so concurrent requests cannot all slip under a limit. */
  admit(identity: string, model: string | undefined, now = Date.now()): void {
    const minute = Math.floor(now / 60_000);
    this.window(identity, minute).requests++;
    if (model) this.window(`${identity}\u0000${model}`, minute).requests++;
  }

  /** Adds tokens and cost once the call's usage is known. */
  charge(
    identity: string,
    model: string | undefined,
    tokens: number,
    costUsd: number,
    now = Date.now(),
  ): void {
    const minute = Math.floor(now / 60_000);
    this.window(identity, minute).tokens += tokens;
    if (model) this.window(`${identity}\u0000${model}`, minute).tokens += tokens;
    if (costUsd > 0) {
      const day = new Date(now).toISOString().slice(0, 10);
      const spent = this.dailyCost.get(identity);
      if (spent && spent.day === day) spent.usd += costUsd;
      else this.dailyCost.set(identity, { day, usd: costUsd });
    }
  }

  private window(key: string, minute: number): Window {
    let w = this.windows.get(key);
    if (!w || w.minute !== minute) {
      w = { minute, requests: 0, tokens: 0 };
      this.windows.set(key, w);
      // Old windows are replaced in place; bound the map against many one-off identities.
      if (this.windows.size > 100_000) this.windows.clear();
    }
    return w;
  }
}
