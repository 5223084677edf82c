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

/** Resolves model ids seen in logs to the prices in force (embedded table and config overrides), remembering each answer. */
export interface PriceBook {
  /** Every key in force, embedded and configured, with its prices over time. */
  readonly entries: ReadonlyMap<string, PriceListEntry>;
  /** The key a model id resolves to (`claude-opus-4-1-20260101` → `claude-opus-4-1`), or undefined when unpriced. */
  keyFor(modelId: string): string | undefined;
  /**
   * The prices for a model id at `timestamp` (epoch ms; a dated override wins inside its range), or undefined when the
   * model has none then (its cost is 0 and it is listed as unpriced). Without a timestamp: the standing price.
   */
  findPricing(modelId: string, timestamp?: number): ModelPricing | undefined;
}

/** One price tier of an override, USD per million tokens as the config file writes them; absent fields are inherited. */
export interface OverridePrices {
  readonly input?: number;
  readonly output?: number;
  readonly cacheWrite5m?: number;
  readonly cacheWrite1h?: number;
  readonly cacheRead?: number;
}

/**
 * A `[pricing."<model>"]` entry of the config file, as plain data (it is posted to the ingest worker as is).
 * Prices are USD per million tokens; `from`/`until` bound a promotional price (epoch ms, both inclusive).
 */
export interface PriceOverride {
  /** The model key it prices: matched against log ids like the embedded keys (`claude-sonnet-5` takes `claude-sonnet-5-20260301`). */
  readonly model: string;
  readonly from?: number;
  readonly until?: number;
  readonly prices: OverridePrices;
  readonly above200k?: OverridePrices;
  readonly fastMultiplier?: number;
  /** The config file it came from, shown as `config <path>`. */
  readonly source: string;
}

/** A price's origin: `embedded` (the table built into cco) or `config <path>`. */
export type PriceSource = string;

/** Where each price of one model came from. */
export interface PriceSources {
  readonly input: PriceSource;
  readonly output: PriceSource;
  readonly cacheWrite5m: PriceSource;
  readonly cacheWrite1h: PriceSource;
  readonly cacheRead: PriceSource;
  /** Absent: the model has no above-200k tier. */
  readonly above200k?: PriceSource;
  /** Absent: fast mode costs the standard price. */
  readonly fastMultiplier?: PriceSource;
}

/** A model's prices over a span of time (epoch ms, both ends inclusive; ±Infinity when open). */
export interface PricedSpan {
  readonly from: number;
  readonly until: number;
  readonly pricing: ModelPricing;
  readonly sources: PriceSources;
}

/** A model key in force: its standing price (none when only dated prices are set) and its dated ones, by `from`. */
export interface PriceListEntry {
  readonly key: string;
  readonly standing?: PricedSpan;
  readonly dated: readonly PricedSpan[];
}
