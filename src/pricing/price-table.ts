// The embedded Claude price table: USD per token, as ccusage 20.0.24 prices each model offline.
//
// Source: LiteLLM's model_prices_and_context_window.json as snapshotted inside ccusage 20.0.24
// (the compact table embedded in the @ccusage/ccusage-linux-x64 binary, read out on 2026-11-28),
// plus ccusage's own built-in entries (`put_builtin_pricing`) for keys LiteLLM lacks, and its
// fast-mode multipliers (provider_specific_entry.fast, else fast-multiplier-overrides.json).
// Figures are LiteLLM's per-token literals; per million tokens they read:
//
//   key                     in     out    5m write  1h write  read   above 200k (in/out/5m/1h/read)  fast
//   claude-sonnet-4-5       3      15     3.75      6         0.30   6 / 22.5 / 7.5 / 12 / 0.6       -
//   claude-sonnet-4         3      15     3.75      6         0.30   6 / 22.5 / 7.5 / 12 / 0.6       -   (built-in)
//   claude-sonnet-4-6       3      15     3.75      6         0.30   —                                -   (built-in)
//   claude-sonnet-5         2      10     2.5       4         0.20   —                                -
//   claude-opus-5           5      25     6.25      10        0.50   —                                2
//   claude-opus-4-8         5      25     6.25      10        0.50   —                                2   (built-in)
//   claude-opus-4-7         5      25     6.25      10        0.50   —                                6   (built-in)
//   claude-opus-4-6         5      25     6.25      10        0.50   —                                6   (built-in)
//   claude-opus-4-5         5      25     6.25      10        0.50   —                                -
//   claude-opus-4-1         15     75     18.75     30        1.50   —                                -
//   claude-opus-4           15     75     18.75     30        1.50   —                                -   (built-in)
//   claude-haiku-4-5        1      5      1.25      2         0.10   —                                -
//   claude-3-7-sonnet       3      15     3.75      6         0.30   —                                -   (LiteLLM key has the date)
//   claude-3-5-sonnet       3      15     3.75      6         0.30   —                                -   (see below)
//   claude-3-5-haiku        0.8    4      1         1.6       0.08   —                                -   (built-in)
//   claude-3-opus           15     75     18.75     30        1.50   —                                -   (built-in)
//   claude-3-sonnet         3      15     3.75      6         0.30   —                                -   (built-in)
//   claude-3-haiku          0.25   1.25   0.30      0.5       0.03   —                                -   (5m write is 1.2× input)
//   claude-fable-5          10     50     12.5      20        1.00   —                                -
//   claude-fable-5-1        10     50     12.5      20        0.25   —                                -
//   claude-mythos-5         10     50     12.5      20        1.00   —                                -
//   claude-mythos-5-1       10     50     12.5      20        0.25   —                                -
//   claude-mythos-preview   10     50     12.5      20        1.00   —                                -
//
// The snapshot has no first-party claude-3-5-sonnet key; ccusage resolves such ids to the longest
// matching Bedrock key (eu.anthropic.claude-3-5-sonnet-…), which is flat 3/15/3.75/0.30.
// 1h cache writes are always 2× input (and 2× input-above-200k), whatever LiteLLM lists: ccusage does so.
import type { ModelPricing, PriceTable, TokenPrices } from './types.ts';

/** LiteLLM's four per-token figures for one tier. */
interface LiteLlmTier {
  input: number;
  output: number;
  /** `cache_creation_input_token_cost`: 5-minute cache writes. */
  cacheWrite: number;
  cacheRead: number;
}

const CACHE_WRITE_1H_INPUT_MULTIPLIER = 2;

function tier({ input, output, cacheWrite, cacheRead }: LiteLlmTier): TokenPrices {
  return Object.freeze({
    input,
    output,
    cacheWrite5m: cacheWrite,
    cacheWrite1h: input * CACHE_WRITE_1H_INPUT_MULTIPLIER,
    cacheRead,
  });
}

function model(base: LiteLlmTier, extra: { above200k?: LiteLlmTier; fastMultiplier?: number } = {}): ModelPricing {
  return Object.freeze({
    ...tier(base),
    ...(extra.above200k ? { above200k: tier(extra.above200k) } : {}),
    ...(extra.fastMultiplier !== undefined ? { fastMultiplier: extra.fastMultiplier } : {}),
  });
}

const SONNET_4_ABOVE_200K: LiteLlmTier = { input: 6e-6, output: 2.25e-5, cacheWrite: 7.5e-6, cacheRead: 6e-7 };
const SONNET: LiteLlmTier = { input: 3e-6, output: 1.5e-5, cacheWrite: 3.75e-6, cacheRead: 3e-7 };
const OPUS_4_5: LiteLlmTier = { input: 5e-6, output: 2.5e-5, cacheWrite: 6.25e-6, cacheRead: 5e-7 };
const OPUS_4: LiteLlmTier = { input: 1.5e-5, output: 7.5e-5, cacheWrite: 1.875e-5, cacheRead: 1.5e-6 };
const FABLE: LiteLlmTier = { input: 1e-5, output: 5e-5, cacheWrite: 1.25e-5, cacheRead: 1e-6 };
const FABLE_POINT_ONE: LiteLlmTier = { ...FABLE, cacheRead: 2.5e-7 };

/** Claude prices in USD per token, keyed by model name without date suffix. */
export const PRICE_TABLE: PriceTable = Object.freeze({
  'claude-sonnet-4-5': model(SONNET, { above200k: SONNET_4_ABOVE_200K }),
  'claude-sonnet-4': model(SONNET, { above200k: SONNET_4_ABOVE_200K }),
  'claude-sonnet-4-6': model(SONNET),
  'claude-sonnet-5': model({ input: 2e-6, output: 1e-5, cacheWrite: 2.5e-6, cacheRead: 2e-7 }),
  'claude-opus-5': model(OPUS_4_5, { fastMultiplier: 2 }),
  'claude-opus-4-8': model(OPUS_4_5, { fastMultiplier: 2 }),
  'claude-opus-4-7': model(OPUS_4_5, { fastMultiplier: 6 }),
  'claude-opus-4-6': model(OPUS_4_5, { fastMultiplier: 6 }),
  'claude-opus-4-5': model(OPUS_4_5),
  'claude-opus-4-1': model(OPUS_4),
  'claude-opus-4': model(OPUS_4),
  'claude-haiku-4-5': model({ input: 1e-6, output: 5e-6, cacheWrite: 1.25e-6, cacheRead: 1e-7 }),
  'claude-3-7-sonnet': model(SONNET),
  'claude-3-5-sonnet': model(SONNET),
  'claude-3-5-haiku': model({ input: 8e-7, output: 4e-6, cacheWrite: 1e-6, cacheRead: 8e-8 }),
  'claude-3-opus': model(OPUS_4),
  'claude-3-sonnet': model(SONNET),
  'claude-3-haiku': model({ input: 2.5e-7, output: 1.25e-6, cacheWrite: 3e-7, cacheRead: 3e-8 }),
  'claude-fable-5': model(FABLE),
  'claude-fable-5-1': model(FABLE_POINT_ONE),
  'claude-mythos-5': model(FABLE),
  'claude-mythos-5-1': model(FABLE_POINT_ONE),
  'claude-mythos-preview': model(FABLE),
});
