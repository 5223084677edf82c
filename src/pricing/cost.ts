// The USD cost of one message: per-kind 200k tiering, fast-mode multiplier, and ccusage's cost modes.
import type { CostMode, MessageTokens, ModelPricing, Speed } from './types.ts';

/** Tokens of one kind in one message billed at the base price before the above-200k price applies. */
export const TIER_THRESHOLD_TOKENS = 200_000;

/** n ≤ 200k → n·base; else 200k·base + (n − 200k)·above. Flat when the model has no upper tier. */
function tieredCost(tokens: number, base: number, above: number | undefined): number {
  if (tokens === 0) return 0;
  if (above !== undefined && tokens > TIER_THRESHOLD_TOKENS) {
    return TIER_THRESHOLD_TOKENS * base + (tokens - TIER_THRESHOLD_TOKENS) * above;
  }
  return tokens * base;
}

/**
 * USD cost of one message's tokens. The 200k tier applies per message and per token kind
 * (5m and 1h cache writes are tiered separately); fast-mode messages are multiplied by the model's fast factor.
 */
export function costOfUsage(pricing: ModelPricing, tokens: MessageTokens, speed: Speed = 'standard'): number {
  const above = pricing.above200k;
  const multiplier = speed === 'fast' ? (pricing.fastMultiplier ?? 1) : 1;
  return (
    (tieredCost(tokens.input, pricing.input, above?.input) +
      tieredCost(tokens.output, pricing.output, above?.output) +
      tieredCost(tokens.cacheCreation5m, pricing.cacheWrite5m, above?.cacheWrite5m) +
      tieredCost(tokens.cacheCreation1h, pricing.cacheWrite1h, above?.cacheWrite1h) +
      tieredCost(tokens.cacheRead, pricing.cacheRead, above?.cacheRead)) *
    multiplier
  );
}

/**
 * USD cost of one log entry under a cost mode. `costUSD` is the line's own figure (old Claude Code
 * versions wrote one); an unknown model (`pricing` undefined) calculates to 0 and is reported as unpriced by the caller.
 */
export function entryCost(
  mode: CostMode,
  pricing: ModelPricing | undefined,
  tokens: MessageTokens,
  costUSD: number | undefined,
  speed: Speed = 'standard',
): number {
  const calculate = () => (pricing === undefined ? 0 : costOfUsage(pricing, tokens, speed));
  switch (mode) {
    case 'display':
      return costUSD ?? 0;
    case 'auto':
      return costUSD ?? calculate();
    case 'calculate':
      return calculate();
  }
}
