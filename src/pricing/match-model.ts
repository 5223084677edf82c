// Model id → price-table key, by ccusage's rules; createPriceBook() remembers each answer.
import { PRICE_TABLE } from './price-table.ts';
import { compilePriceList, pricingAt } from './price-list.ts';
import type { PriceBook, PriceListEntry, PriceOverride, PriceTable } from './types.ts';

/** Anthropic dates its model ids YYYYMMDD; any other numeric suffix names a different version. */
const DATE_SUFFIX_DIGITS = 8;

/**
 * The table key a model id resolves to, or undefined:
 * 1. the id itself; 2. the id without a provider prefix (`anthropic/claude-sonnet-4-5`);
 * 3. the longest key found inside the id (or inside it with `.`/`@` read as `-`) between
 *    non-alphanumeric boundaries, where a key ending in a digit may be followed by `-<digits>`
 *    only when those are an 8-digit date: `claude-opus-4-1-20250805` → `claude-opus-4-1`, never `claude-opus-4`;
 *    once one such key is found, keys that contain the id by the same rule compete too, as in ccusage:
 *    `us.anthropic.claude-sonnet-4-5` → `us.anthropic.claude-sonnet-4-5-20250929-v1:0` (the regional price).
 * Equal lengths go to the alphabetically first key, as in ccusage. Unlike ccusage, an id that names no key
 * (`sonnet`, `claude-opus`) is not matched to some longer key that contains it.
 */
export function matchModelKey(table: PriceTable, modelId: string): string | undefined {
  return matchKey(Object.keys(table), (key) => Object.hasOwn(table, key), modelId);
}

function matchKey(keys: readonly string[], has: (key: string) => boolean, modelId: string): string | undefined {
  if (has(modelId)) return modelId;
  const bare = modelId.slice(modelId.lastIndexOf('/') + 1);
  if (bare !== modelId && has(bare)) return bare;

  const normalizedId = normalize(modelId);
  let best: string | undefined;
  const consider = (key: string) => {
    if (best === undefined || key.length > best.length || (key.length === best.length && key < best)) best = key;
  };
  for (const key of keys) if (containsKey(modelId, key) || containsKey(normalizedId, normalize(key))) consider(key);
  if (best === undefined) return undefined;
  for (const key of keys) if (containsKey(key, modelId) || containsKey(normalize(key), normalizedId)) consider(key);
  return best;
}

/**
 * A price book over `table` (default: the embedded table) with the config file's `overrides` laid over it, and its own
 * cache of resolved ids. Throws ConfigError when the overrides contradict each other (see price-list.ts).
 */
export function createPriceBook(table: PriceTable = PRICE_TABLE, overrides: readonly PriceOverride[] = []): PriceBook {
  const entries = compilePriceList(table, overrides);
  const allKeys = [...entries.keys()];
  const keys = new Map<string, PriceListEntry | undefined>();
  const entryFor = (modelId: string): PriceListEntry | undefined => {
    if (keys.has(modelId)) return keys.get(modelId);
    const key = matchKey(allKeys, (k) => entries.has(k), modelId);
    const entry = key === undefined ? undefined : entries.get(key);
    keys.set(modelId, entry);
    return entry;
  };
  return {
    entries,
    keyFor: (modelId) => entryFor(modelId)?.key,
    findPricing(modelId, timestamp) {
      const entry = entryFor(modelId);
      return entry === undefined ? undefined : pricingAt(entry, timestamp);
    },
  };
}

function normalize(id: string): string {
  return id.replace(/[.@]/g, '-');
}

function isBoundary(char: string | undefined): boolean {
  return char === undefined || !/[A-Za-z0-9]/.test(char);
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** Whether `key` occurs in `value` with a boundary before it and an allowed suffix after it. */
function containsKey(value: string, key: string): boolean {
  for (let at = value.indexOf(key); at !== -1; at = value.indexOf(key, at + 1)) {
    if (isBoundary(value[at - 1]) && suffixAllowsMatch(key, value.slice(at + key.length))) return true;
  }
  return false;
}

function suffixAllowsMatch(key: string, suffix: string): boolean {
  if (suffix === '') return true;
  if (!isBoundary(suffix[0])) return false;
  // `claude-opus-4` must not swallow `claude-opus-4-1…`, but may take `claude-opus-4-20250514`.
  if (!isDigit(key[key.length - 1]) || (suffix[0] !== '-' && suffix[0] !== '.')) return true;
  let digits = 0;
  while (isDigit(suffix[1 + digits])) digits++;
  if (digits === 0) return true;
  return digits === DATE_SUFFIX_DIGITS && isBoundary(suffix[1 + digits]);
}
