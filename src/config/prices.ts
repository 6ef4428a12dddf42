import type { ModelPrice } from './schema.js';

/**
 * List prices in USD per million tokens, as published by the providers in 2025. Estimates only:
 * users with negotiated prices override them in `prices:`. Keys match by longest prefix, so
 * dated model ids (`gpt-4o-2024-08-06`) find their family.
 */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  'gpt-4o-mini': { input_per_mtok: 0.15, output_per_mtok: 0.6 },
  'gpt-4o': { input_per_mtok: 2.5, output_per_mtok: 10 },
  'gpt-4.1-nano': { input_per_mtok: 0.1, output_per_mtok: 0.4 },
  'gpt-4.1-mini': { input_per_mtok: 0.4, output_per_mtok: 1.6 },
  'gpt-4.1': { input_per_mtok: 2, output_per_mtok: 8 },
  'gpt-4-turbo': { input_per_mtok: 10, output_per_mtok: 30 },
  'gpt-4': { input_per_mtok: 30, output_per_mtok: 60 },
  'gpt-3.5-turbo': { input_per_mtok: 0.5, output_per_mtok: 1.5 },
  'gpt-5-mini': { input_per_mtok: 0.25, output_per_mtok: 2 },
  'gpt-5-nano': { input_per_mtok: 0.05, output_per_mtok: 0.4 },
  'gpt-5': { input_per_mtok: 1.25, output_per_mtok: 10 },
  'o1-mini': { input_per_mtok: 1.1, output_per_mtok: 4.4 },
  o1: { input_per_mtok: 15, output_per_mtok: 60 },
  'o3-mini': { input_per_mtok: 1.1, output_per_mtok: 4.4 },
  o3: { input_per_mtok: 2, output_per_mtok: 8 },
  'o4-mini': { input_per_mtok: 1.1, output_per_mtok: 4.4 },
  'text-embedding-3-small': { input_per_mtok: 0.02, output_per_mtok: 0 },
  'text-embedding-3-large': { input_per_mtok: 0.13, output_per_mtok: 0 },
  'claude-opus-4': { input_per_mtok: 15, output_per_mtok: 75 },
  'claude-sonnet-4': { input_per_mtok: 3, output_per_mtok: 15 },
  'claude-3-7-sonnet': { input_per_mtok: 3, output_per_mtok: 15 },
  'claude-3-5-sonnet': { input_per_mtok: 3, output_per_mtok: 15 },
  'claude-3-5-haiku': { input_per_mtok: 0.8, output_per_mtok: 4 },
  'claude-3-haiku': { input_per_mtok: 0.25, output_per_mtok: 1.25 },
  'claude-3-opus': { input_per_mtok: 15, output_per_mtok: 75 },
  'anthropic.claude-3-5-sonnet': { input_per_mtok: 3, output_per_mtok: 15 },
  'anthropic.claude-3-haiku': { input_per_mtok: 0.25, output_per_mtok: 1.25 },
  'anthropic.claude-3-sonnet': { input_per_mtok: 3, output_per_mtok: 15 },
  'amazon.titan-text-express': { input_per_mtok: 0.2, output_per_mtok: 0.6 },
  'amazon.nova-pro': { input_per_mtok: 0.8, output_per_mtok: 3.2 },
  'amazon.nova-lite': { input_per_mtok: 0.06, output_per_mtok: 0.24 },
  'meta.llama3-70b': { input_per_mtok: 2.65, output_per_mtok: 3.5 },
  'gemini-1.5-pro': { input_per_mtok: 1.25, output_per_mtok: 5 },
  'gemini-1.5-flash': { input_per_mtok: 0.075, output_per_mtok: 0.3 },
  'gemini-2.0-flash': { input_per_mtok: 0.1, output_per_mtok: 0.4 },
  'gemini-2.5-pro': { input_per_mtok: 1.25, output_per_mtok: 10 },
  'gemini-2.5-flash': { input_per_mtok: 0.3, output_per_mtok: 2.5 },
};

export class PriceTable {
  private readonly keys: string[];
  private readonly cache = new Map<string, ModelPrice | null>();

  constructor(private readonly table: Record<string, ModelPrice>) {
    this.keys = Object.keys(table).sort((a, b) => b.length - a.length);
  }

  static withOverrides(overrides: Record<string, ModelPrice>): PriceTable {
    return new PriceTable({ ...DEFAULT_PRICES, ...overrides });
  }

  lookup(model: string): ModelPrice | undefined {
    const hit = this.cache.get(model);
    if (hit !== undefined) return hit ?? undefined;
    // Cloud ids carry prefixes and suffixes: "us.anthropic.claude-3-5-sonnet-20240620-v1:0", "models/gemini-1.5-pro".
    const bare = model.toLowerCase().replace(/^(?:models\/|[a-z]{2}\.(?=[a-z]+\.))/, '');
    const key = this.keys.find((k) => bare.startsWith(k)) ?? this.keys.find((k) => bare.includes(k));
    const price = key ? this.table[key]! : null;
    if (this.cache.size < 10_000) this.cache.set(model, price);
    return price ?? undefined;
  }

  cost(model: string | undefined, inputTokens: number, outputTokens: number): number | undefined {
    if (!model) return undefined;
    const p = this.lookup(model);
    if (!p) return undefined;
    return (inputTokens * p.input_per_mtok + outputTokens * p.output_per_mtok) / 1e6;
  }
}
