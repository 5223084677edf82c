// Pricing: the embedded Claude price table, model-id matching and per-message cost.
export { costOfUsage, entryCost, TIER_THRESHOLD_TOKENS } from './cost.ts';
export { createCostFn, FAST_SUFFIX, type CostFn } from './cost-fn.ts';
export { createPriceBook, matchModelKey } from './match-model.ts';
export { PRICE_TABLE } from './price-table.ts';
export type { CostMode, MessageTokens, ModelPricing, PriceBook, PriceTable, Speed, TokenPrices } from './types.ts';
