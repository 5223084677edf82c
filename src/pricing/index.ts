// Pricing: the embedded Claude price table, config overrides, model-id matching and per-message cost.
export { costOfUsage, entryCost, TIER_THRESHOLD_TOKENS } from './cost.ts';
export { createCostFn, FAST_SUFFIX, type CostFn } from './cost-fn.ts';
export { createPriceBook, matchModelKey } from './match-model.ts';
export { compilePriceList, EMBEDDED_SOURCE, pricingAt } from './price-list.ts';
export { PRICE_TABLE } from './price-table.ts';
export { priceOverridesFrom } from './overrides.ts';
export type {
  CostMode,
  MessageTokens,
  ModelPricing,
  OverridePrices,
  PriceBook,
  PriceListEntry,
  PriceOverride,
  PriceSources,
  PricedSpan,
  PriceTable,
  Speed,
  TokenPrices,
} from './types.ts';
