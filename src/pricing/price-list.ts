// The prices in force: the embedded table with the config file's overrides laid over it, each price with its origin.
//
// Layers, top wins, field by field: a dated override (inside its range) over the model's undated override over the
// embedded entry. A cache price no layer sets is derived from the input price at Anthropic's ratios (5-minute write
// 1.25×, 1-hour write 2×, read 0.1×); input and output have no default. An above-200k tier is one unit: the top layer
// that has one gives it (its missing cache prices derived from its input the same way).
import { ConfigError } from '../platform/config-error.ts';
import type {
  ModelPricing,
  OverridePrices,
  PriceListEntry,
  PriceOverride,
  PriceSources,
  PricedSpan,
  PriceTable,
  TokenPrices,
} from './types.ts';

export const EMBEDDED_SOURCE = 'embedded';
const PER_MILLION = 1_000_000;
const DERIVED = { cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 } as const;
const FIELDS = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const;
type Field = (typeof FIELDS)[number];

/** A layer: prices in USD per token with one origin. */
interface Layer {
  readonly prices: Partial<Record<Field, number>>;
  readonly above200k?: Partial<Record<Field, number>>;
  readonly fastMultiplier?: number;
  readonly source: string;
}

const perToken = (p: OverridePrices): Partial<Record<Field, number>> =>
  Object.fromEntries(FIELDS.flatMap((f) => (p[f] === undefined ? [] : [[f, p[f] / PER_MILLION]])));

function overrideLayer(o: PriceOverride): Layer {
  return {
    prices: perToken(o.prices),
    ...(o.above200k ? { above200k: perToken(o.above200k) } : {}),
    ...(o.fastMultiplier !== undefined ? { fastMultiplier: o.fastMultiplier } : {}),
    source: `config ${o.source}`,
  };
}

function embeddedLayer(p: ModelPricing): Layer {
  return {
    prices: {
      input: p.input,
      output: p.output,
      cacheWrite5m: p.cacheWrite5m,
      cacheWrite1h: p.cacheWrite1h,
      cacheRead: p.cacheRead,
    },
    ...(p.above200k ? { above200k: { ...p.above200k } } : {}),
    ...(p.fastMultiplier !== undefined ? { fastMultiplier: p.fastMultiplier } : {}),
    source: EMBEDDED_SOURCE,
  };
}

/** One tier from partial figures: input and output required, cache prices derived from input when missing. */
function completeTier(prices: Partial<Record<Field, number>>, where: string): TokenPrices {
  const { input, output } = prices;
  if (input === undefined || output === undefined) {
    throw new ConfigError(`${where}: input and output are required for a model the embedded table does not price`);
  }
  return Object.freeze({
    input,
    output,
    cacheWrite5m: prices.cacheWrite5m ?? input * DERIVED.cacheWrite5m,
    cacheWrite1h: prices.cacheWrite1h ?? input * DERIVED.cacheWrite1h,
    cacheRead: prices.cacheRead ?? input * DERIVED.cacheRead,
  });
}

/** Folds layers (top first) into one model's prices and their origins. */
function merge(layers: readonly Layer[], where: string): { pricing: ModelPricing; sources: PriceSources } {
  const prices: Partial<Record<Field, number>> = {};
  const origin: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const layer = layers.find((l) => l.prices[field] !== undefined);
    if (layer) [prices[field], origin[field]] = [layer.prices[field], layer.source];
  }
  const base = completeTier(prices, where);
  const inputSource = origin.input ?? EMBEDDED_SOURCE;
  const tierLayer = layers.find((l) => l.above200k !== undefined);
  const fastLayer = layers.find((l) => l.fastMultiplier !== undefined);
  const pricing: ModelPricing = Object.freeze({
    ...base,
    ...(tierLayer?.above200k ? { above200k: completeTier(tierLayer.above200k, `${where}.above_200k`) } : {}),
    ...(fastLayer?.fastMultiplier !== undefined ? { fastMultiplier: fastLayer.fastMultiplier } : {}),
  });
  const sources: PriceSources = {
    input: inputSource,
    output: origin.output ?? inputSource,
    cacheWrite5m: origin.cacheWrite5m ?? inputSource,
    cacheWrite1h: origin.cacheWrite1h ?? inputSource,
    cacheRead: origin.cacheRead ?? inputSource,
    ...(tierLayer ? { above200k: tierLayer.source } : {}),
    ...(fastLayer ? { fastMultiplier: fastLayer.source } : {}),
  };
  return { pricing, sources };
}

const describeRange = (o: PriceOverride) =>
  `${o.from === undefined ? '…' : new Date(o.from).toISOString()} – ${o.until === undefined ? '…' : new Date(o.until).toISOString()}`;

/**
 * The entries in force: every embedded key, and every configured one. Throws ConfigError for a model given two undated
 * overrides, dated overrides whose ranges overlap, or a model no layer gives an input and output price.
 */
export function compilePriceList(
  embedded: PriceTable,
  overrides: readonly PriceOverride[],
): Map<string, PriceListEntry> {
  const byModel = new Map<string, PriceOverride[]>();
  for (const o of overrides) byModel.set(o.model, [...(byModel.get(o.model) ?? []), o]);
  const entries = new Map<string, PriceListEntry>();
  for (const [key, pricing] of Object.entries(embedded)) {
    if (!byModel.has(key))
      entries.set(key, {
        key,
        standing: { from: -Infinity, until: Infinity, pricing, sources: allFrom(EMBEDDED_SOURCE, pricing) },
        dated: [],
      });
  }
  for (const [key, list] of byModel) {
    const where = `${list[0]?.source ?? 'config'}: pricing."${key}"`;
    const undated = list.filter((o) => o.from === undefined && o.until === undefined);
    if (undated.length > 1)
      throw new ConfigError(`${where} has ${undated.length} entries without from/until (at most one may be undated)`);
    const dated = list
      .filter((o) => o.from !== undefined || o.until !== undefined)
      .sort((a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity));
    for (let i = 1; i < dated.length; i++) {
      const [a, b] = [dated[i - 1]!, dated[i]!];
      if ((b.from ?? -Infinity) <= (a.until ?? Infinity))
        throw new ConfigError(`${where}: the ranges ${describeRange(a)} and ${describeRange(b)} overlap`);
    }
    const base: Layer[] = [...undated.map(overrideLayer), ...(embedded[key] ? [embeddedLayer(embedded[key])] : [])];
    const standing = base.length > 0 ? { from: -Infinity, until: Infinity, ...merge(base, where) } : undefined;
    const spans: PricedSpan[] = dated.map((o) => ({
      from: o.from ?? -Infinity,
      until: o.until ?? Infinity,
      ...merge([overrideLayer(o), ...base], where),
    }));
    entries.set(key, { key, ...(standing ? { standing } : {}), dated: spans });
  }
  return entries;
}

function allFrom(source: string, p: ModelPricing): PriceSources {
  return {
    input: source,
    output: source,
    cacheWrite5m: source,
    cacheWrite1h: source,
    cacheRead: source,
    ...(p.above200k ? { above200k: source } : {}),
    ...(p.fastMultiplier !== undefined ? { fastMultiplier: source } : {}),
  };
}

/** The prices of an entry at `timestamp` (epoch ms): the dated span holding it, else the standing price. */
export function pricingAt(entry: PriceListEntry, timestamp: number | undefined): ModelPricing | undefined {
  if (timestamp !== undefined)
    for (const span of entry.dated) if (timestamp >= span.from && timestamp <= span.until) return span.pricing;
  return entry.standing?.pricing;
}
