// The embedded Claude price table: USD per token, as ccusage 20.0.24 prices each model offline.
//
// Built by ccusage's rules from three sources:
// 1. LITELLM_CLAUDE (litellm-claude.ts): every Claude entry of the LiteLLM snapshot inside ccusage 20.0.24, under
//    LiteLLM's own keys, first-party and Bedrock (`claude-sonnet-4-5-20250929`, `us.anthropic.claude-sonnet-4-5-…`).
//    A missing 5-minute write price is 1.25× input, a missing read price 0.1× input.
// 2. ccusage's built-in entries (`put_builtin_pricing`), which replace the snapshot's under the same key.
// 3. Two family keys of cco's own, `claude-3-7-sonnet` and `claude-3-5-sonnet` (LiteLLM names them only with a date):
//    they let an id of those families reach the dated keys (see match-model.ts) and price as those do.
// 1h cache writes are always 2× input (and 2× input-above-200k), whatever LiteLLM lists: ccusage does so.
// Fast mode: the entry's own factor, else ccusage's fast-multiplier-overrides.json (opus 4.6 and 4.7: 6, 4.8: 2) for
// every key naming those models, regional ones included. Per million tokens the main first-party keys read:
//
//   key                     in     out    5m write  1h write  read   above 200k (in/out/5m/1h/read)  fast
//   claude-sonnet-4-5       3      15     3.75      6         0.30   6 / 22.5 / 7.5 / 12 / 0.6       -
//   claude-sonnet-4         3      15     3.75      6         0.30   6 / 22.5 / 7.5 / 12 / 0.6       -   (built-in)
//   claude-sonnet-4-6       3      15     3.75      6         0.30   —                                -   (built-in)
//   claude-sonnet-5         2      10     2.5       4         0.20   —                                -
//   claude-opus-5           5      25     6.25      10        0.50   —                                2
//   claude-opus-4-8/4-7/4-6 5      25     6.25      10        0.50   —                                2/6/6 (built-in)
//   claude-opus-4-5         5      25     6.25      10        0.50   —                                -   (built-in)
//   claude-opus-4-1, -4     15     75     18.75     30        1.50   —                                -
//   claude-haiku-4-5        1      5      1.25      2         0.10   —                                -   (built-in)
//   claude-3-5-haiku        0.8    4      1         1.6       0.08   —                                -   (built-in)
//   claude-3-haiku          0.25   1.25   0.30      0.5       0.03   —                                -   (built-in)
//   claude-fable-5, mythos  10     50     12.5      20        1.00   —                                -   (-5-1: read 0.25)
//
// Regional Bedrock keys (`us.`, `eu.`, `jp.`, `au.anthropic.claude-…`) are these ×1.1 where LiteLLM lists a regional
// price (sonnet 4.5, 4.6, 5; haiku 4.5; opus 4.5 in `us.` only; opus 4.6–5; fable 5); Bedrock's claude-3-haiku writes
// at 1.25× input and reads at 0.1×; `anthropic.claude-mythos-preview` is listed at $0.
import { LITELLM_CLAUDE, type LiteLlmEntry } from './litellm-claude.ts';
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
const DEFAULT_CACHE_WRITE_INPUT_MULTIPLIER = 1.25;
const DEFAULT_CACHE_READ_INPUT_MULTIPLIER = 0.1;

/** ccusage's fast-multiplier-overrides.json: applies to every key naming the model (regional keys too). */
const FAST_MULTIPLIER_OVERRIDES: readonly (readonly [model: string, multiplier: number])[] = [
  ['claude-opus-4-6', 6],
  ['claude-opus-4-7', 6],
  ['claude-opus-4-8', 2],
];

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

function fromLiteLlm(key: string, e: LiteLlmEntry): ModelPricing {
  const base = {
    input: e.i,
    output: e.o,
    cacheWrite: e.cc ?? e.i * DEFAULT_CACHE_WRITE_INPUT_MULTIPLIER,
    cacheRead: e.cr ?? e.i * DEFAULT_CACHE_READ_INPUT_MULTIPLIER,
  };
  const above200k =
    e.ia !== undefined && e.oa !== undefined && e.cca !== undefined && e.cra !== undefined
      ? { input: e.ia, output: e.oa, cacheWrite: e.cca, cacheRead: e.cra }
      : undefined;
  const fastMultiplier = e.fast ?? FAST_MULTIPLIER_OVERRIDES.find(([name]) => key.includes(name))?.[1];
  return model(base, {
    ...(above200k ? { above200k } : {}),
    ...(fastMultiplier !== undefined ? { fastMultiplier } : {}),
  });
}

const SONNET_4_ABOVE_200K: LiteLlmTier = { input: 6e-6, output: 2.25e-5, cacheWrite: 7.5e-6, cacheRead: 6e-7 };
const SONNET: LiteLlmTier = { input: 3e-6, output: 1.5e-5, cacheWrite: 3.75e-6, cacheRead: 3e-7 };
const OPUS_4_5: LiteLlmTier = { input: 5e-6, output: 2.5e-5, cacheWrite: 6.25e-6, cacheRead: 5e-7 };
const OPUS_4: LiteLlmTier = { input: 1.5e-5, output: 7.5e-5, cacheWrite: 1.875e-5, cacheRead: 1.5e-6 };
const HAIKU_3_5: LiteLlmTier = { input: 8e-7, output: 4e-6, cacheWrite: 1e-6, cacheRead: 8e-8 };

/** ccusage's `put_builtin_pricing` Claude entries (they replace the snapshot's), and cco's two family keys. */
const BUILT_IN: Readonly<Record<string, ModelPricing>> = {
  'claude-opus-4-5': model(OPUS_4_5),
  'claude-opus-4-6': model(OPUS_4_5, { fastMultiplier: 6 }),
  'claude-opus-4-7': model(OPUS_4_5, { fastMultiplier: 6 }),
  'claude-opus-4-8': model(OPUS_4_5, { fastMultiplier: 2 }),
  'claude-haiku-4-5': model({ input: 1e-6, output: 5e-6, cacheWrite: 1.25e-6, cacheRead: 1e-7 }),
  'claude-opus-4': model(OPUS_4),
  'claude-sonnet-4-6': model(SONNET),
  'claude-sonnet-4': model(SONNET, { above200k: SONNET_4_ABOVE_200K }),
  'claude-3-5-haiku': model(HAIKU_3_5),
  'claude-3-5-haiku-20241022': model(HAIKU_3_5),
  'claude-3-opus': model(OPUS_4),
  'claude-3-sonnet': model(SONNET),
  'claude-3-haiku': model({ input: 2.5e-7, output: 1.25e-6, cacheWrite: 3e-7, cacheRead: 3e-8 }),
  'claude-3-7-sonnet': model(SONNET),
  'claude-3-5-sonnet': model(SONNET),
};

/** Claude prices in USD per token, keyed as LiteLLM and ccusage name the models. */
export const PRICE_TABLE: PriceTable = Object.freeze({
  ...Object.fromEntries(Object.entries(LITELLM_CLAUDE).map(([key, entry]) => [key, fromLiteLlm(key, entry)])),
  ...BUILT_IN,
});
