// The price list in force as JSON (GET /api/pricing and `cco pricing --json`): USD per million tokens, each price with
// its origin, one row per model key and price period, and the models seen without a price.
import { createPriceBook } from './match-model.ts';
import { PRICE_TABLE } from './price-table.ts';
import type { PricedSpan, PriceOverride, PriceSources, TokenPrices } from './types.ts';

/** One tier's prices, USD per million tokens. */
export interface TierRow {
  readonly input: number;
  readonly output: number;
  readonly cache_write_5m: number;
  readonly cache_write_1h: number;
  readonly cache_read: number;
}

export interface PriceRow extends TierRow {
  readonly model: string;
  /** The period a dated override covers (ISO, inclusive); null for the standing price. */
  readonly from: string | null;
  readonly until: string | null;
  readonly above_200k: TierRow | null;
  readonly fast_multiplier: number | null;
  /** `embedded` or `config <path>`, per price. */
  readonly sources: {
    readonly input: string;
    readonly output: string;
    readonly cache_write_5m: string;
    readonly cache_write_1h: string;
    readonly cache_read: string;
    readonly above_200k: string | null;
    readonly fast_multiplier: string | null;
  };
}

export interface PricingBody {
  readonly models: PriceRow[];
  /** Model ids seen in the logs with no price (their cost counts as 0). */
  readonly unpriced_models: string[];
}

/** USD per token → per million, without the float noise of the multiplication (3e-6 → 3). */
const perMillion = (usd: number) => Number((usd * 1e6).toPrecision(12));

function tier(p: TokenPrices): TierRow {
  return {
    input: perMillion(p.input),
    output: perMillion(p.output),
    cache_write_5m: perMillion(p.cacheWrite5m),
    cache_write_1h: perMillion(p.cacheWrite1h),
    cache_read: perMillion(p.cacheRead),
  };
}

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

function row(model: string, span: PricedSpan): PriceRow {
  const s: PriceSources = span.sources;
  return {
    model,
    from: iso(span.from),
    until: iso(span.until),
    ...tier(span.pricing),
    above_200k: span.pricing.above200k ? tier(span.pricing.above200k) : null,
    fast_multiplier: span.pricing.fastMultiplier ?? null,
    sources: {
      input: s.input,
      output: s.output,
      cache_write_5m: s.cacheWrite5m,
      cache_write_1h: s.cacheWrite1h,
      cache_read: s.cacheRead,
      above_200k: s.above200k ?? null,
      fast_multiplier: s.fastMultiplier ?? null,
    },
  };
}

/** The body for these overrides over the embedded table: models sorted by key, a key's standing price before its dated ones. */
export function pricingBody(overrides: readonly PriceOverride[], unpriced: readonly string[]): PricingBody {
  const entries = [...createPriceBook(PRICE_TABLE, overrides).entries.values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const models = entries.flatMap((e) => [
    ...(e.standing ? [row(e.key, e.standing)] : []),
    ...e.dated.map((span) => row(e.key, span)),
  ]);
  return { models, unpriced_models: [...unpriced].sort() };
}
