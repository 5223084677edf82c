// The cost function the ledger calls per response: resolves the model through a price book, applies the cost mode.
import { entryCost } from './cost.ts';
import type { CostMode, MessageTokens, PriceBook } from './types.ts';

/** Fast-mode responses are named `<model>-fast` (as ccusage lists them) and priced with the model's fast factor. */
export const FAST_SUFFIX = '-fast';

/** USD cost of one response; `timestamp` (epoch ms) picks a dated price override when one covers it. */
export type CostFn = (
  model: string | undefined,
  tokens: MessageTokens,
  costUSD: number | undefined,
  timestamp: number,
) => number;

/** `onUnpriced` is called once per model id that has no price (its calculated cost is 0). */
export function createCostFn(mode: CostMode, book: PriceBook, onUnpriced: (model: string) => void = () => {}): CostFn {
  const reported = new Set<string>();
  return (model, tokens, costUSD, timestamp) => {
    if (model === undefined) return entryCost(mode, undefined, tokens, costUSD);
    const fast = model.endsWith(FAST_SUFFIX);
    const base = fast ? model.slice(0, -FAST_SUFFIX.length) : model;
    const pricing = book.findPricing(base, timestamp);
    if (!pricing && !reported.has(base) && base !== '<synthetic>') {
      reported.add(base);
      onUnpriced(base);
    }
    return entryCost(mode, pricing, tokens, costUSD, fast ? 'fast' : 'standard');
  };
}
