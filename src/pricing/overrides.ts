// The config file's `[pricing."<model>"]` tables (or `[[pricing."<model>"]]` arrays of them), checked strictly.
//
// Each entry: input, output, cache_write_5m, cache_write_1h, cache_read (USD per million tokens, ≥ 0), an optional
// above_200k table of the same fields, fast_multiplier (> 0), and from/until (inclusive: a date `YYYY-MM-DD` is a
// whole UTC day, or an ISO timestamp with a zone) for a promotional price. Unknown fields are errors.
import { ConfigError } from '../platform/config-error.ts';
import { compilePriceList } from './price-list.ts';
import { PRICE_TABLE } from './price-table.ts';
import type { OverridePrices, PriceOverride } from './types.ts';

/** Config field → OverridePrices field. */
const PRICE_FIELDS = {
  input: 'input',
  output: 'output',
  cache_write_5m: 'cacheWrite5m',
  cache_write_1h: 'cacheWrite1h',
  cache_read: 'cacheRead',
} as const satisfies Record<string, keyof OverridePrices>;
const ENTRY_FIELDS = [...Object.keys(PRICE_FIELDS), 'above_200k', 'fast_multiplier', 'from', 'until'];
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 date-time with seconds optional, fraction optional, and a zone (Z or ±hh:mm). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function prices(table: Record<string, unknown>, where: string, allowed: readonly string[]): OverridePrices {
  const out: { -readonly [K in keyof OverridePrices]: number } = {};
  for (const [key, value] of Object.entries(table)) {
    if (!allowed.includes(key))
      throw new ConfigError(`${where}: unknown field '${key}' (expected ${allowed.join(', ')})`);
    if (!(key in PRICE_FIELDS)) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ConfigError(
        `${where}.${key} must be a price in USD per million tokens (a number ≥ 0), not ${JSON.stringify(value)}`,
      );
    }
    out[PRICE_FIELDS[key as keyof typeof PRICE_FIELDS]] = value;
  }
  return out;
}

/** Epoch ms of a `from` (start of a date) or an `until` (end of a date); TOML dates arrive as Temporal-like objects. */
function instant(value: unknown, where: string, end: boolean): number {
  const text = typeof value === 'object' && value !== null && 'toJSON' in value ? String(value) : value;
  const bad = () =>
    new ConfigError(
      `${where} must be a date (YYYY-MM-DD, a UTC day) or an ISO timestamp with a zone, not ${JSON.stringify(text)}`,
    );
  if (typeof text !== 'string') throw bad();
  if (DATE.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== text) throw bad();
    return end ? start + DAY_MS - 1 : start;
  }
  const at = TIMESTAMP.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) throw bad();
  return at;
}

function entry(model: string, table: unknown, where: string, source: string): PriceOverride {
  if (!isRecord(table)) throw new ConfigError(`${where} must be a table of prices`);
  const base = prices(table, where, ENTRY_FIELDS);
  let above200k: OverridePrices | undefined;
  if (table.above_200k !== undefined) {
    if (!isRecord(table.above_200k)) throw new ConfigError(`${where}.above_200k must be a table of prices`);
    above200k = prices(table.above_200k, `${where}.above_200k`, Object.keys(PRICE_FIELDS));
  }
  const fast = table.fast_multiplier;
  if (fast !== undefined && (typeof fast !== 'number' || !Number.isFinite(fast) || fast <= 0)) {
    throw new ConfigError(`${where}.fast_multiplier must be a number above 0, not ${JSON.stringify(fast)}`);
  }
  const from = table.from === undefined ? undefined : instant(table.from, `${where}.from`, false);
  const until = table.until === undefined ? undefined : instant(table.until, `${where}.until`, true);
  if (from !== undefined && until !== undefined && from > until) throw new ConfigError(`${where}: from is after until`);
  if (Object.keys(base).length === 0 && above200k === undefined && fast === undefined)
    throw new ConfigError(`${where} sets no price`);
  return {
    model,
    ...(from !== undefined ? { from } : {}),
    ...(until !== undefined ? { until } : {}),
    prices: base,
    ...(above200k ? { above200k } : {}),
    ...(typeof fast === 'number' ? { fastMultiplier: fast } : {}),
    source,
  };
}

/**
 * The overrides of a parsed config document (`doc.pricing`), none when it has no such section. Throws ConfigError,
 * naming the file and the key, for anything it cannot take, including overrides that contradict each other.
 */
export function priceOverridesFrom(doc: Record<string, unknown>, source: string): PriceOverride[] {
  const section = doc.pricing;
  if (section === undefined) return [];
  if (!isRecord(section)) throw new ConfigError(`${source}: pricing must be a table of models ([pricing."<model>"])`);
  const overrides: PriceOverride[] = [];
  for (const [model, value] of Object.entries(section)) {
    const where = `${source}: pricing."${model}"`;
    if (model.trim() === '') throw new ConfigError(`${where}: the model id is empty`);
    if (Array.isArray(value)) value.forEach((t, i) => overrides.push(entry(model, t, `${where}[${i}]`, source)));
    else overrides.push(entry(model, value, where, source));
  }
  compilePriceList(PRICE_TABLE, overrides); // (throws for overlapping ranges and prices missing everywhere)
  return overrides;
}
