// Pricing types shared with ingest and metrics: per-token USD prices, one message's token counts, cost modes.

/** USD per token for each token kind, at one price tier. */
export interface TokenPrices {
  /** Uncached input tokens. */
  readonly input: number;
  readonly output: number;
  /** Cache writes with the default 5-minute TTL (LiteLLM `cache_creation_input_token_cost`). */
  readonly cacheWrite5m: number;
  /** Cache writes with the 1-hour TTL: 2× input, as ccusage prices them. */
  readonly cacheWrite1h: number;
  readonly cacheRead: number;
}

/** One model's prices. All figures are USD per token (e.g. 3e-6 = $3 per million tokens). */
export interface ModelPricing extends TokenPrices {
  /**
   * Prices for the tokens of one kind beyond the first 200,000 in a single message.
   * Absent: the model is priced flat at any size.
   */
  readonly above200k?: TokenPrices;
  /** Factor applied to the whole message cost when `usage.speed` is `"fast"`; absent means 1. */
  readonly fastMultiplier?: number;
}

/** Model key (e.g. `claude-sonnet-4-5`) → prices. */
export type PriceTable = Readonly<Record<string, ModelPricing>>;

/** Token counts of one deduplicated assistant message (non-negative integers). */
export interface MessageTokens {
  readonly input: number;
  readonly output: number;
  /** `cache_creation.ephemeral_5m_input_tokens`, or `cache_creation_input_tokens` when the breakdown is absent. */
  readonly cacheCreation5m: number;
  /** `cache_creation.ephemeral_1h_input_tokens` (0 when the breakdown is absent). */
  readonly cacheCreation1h: number;
  readonly cacheRead: number;
}

/** `usage.speed` of a message; anything but `"fast"` is billed at standard speed. */
export type Speed = 'standard' | 'fast';

/**
 * How a message's cost is chosen, as in ccusage's `--mode`:
 * `auto` = the line's `costUSD` when present, else calculated from tokens;
 * `calculate` = always from tokens; `display` = `costUSD` or 0.
 */
export type CostMode = 'auto' | 'calculate' | 'display';

/** Resolves model ids seen in logs to table entries, remembering each answer. */
export interface PriceBook {
  /** The table this book resolves against. */
  readonly table: PriceTable;
  /** The table key a model id resolves to (`claude-opus-4-1-20250805` → `claude-opus-4-1`), or undefined when unpriced. */
  keyFor(modelId: string): string | undefined;
  /** The prices for a model id, or undefined when the model is unknown (its cost is then 0 and it is listed as unpriced). */
  findPricing(modelId: string): ModelPricing | undefined;
}
