// Model id → price-table key, by ccusage's rules; createPriceBook() remembers each answer.
import { PRICE_TABLE } from './price-table.ts';
import type { ModelPricing, PriceBook, PriceTable } from './types.ts';

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
  if (Object.hasOwn(table, modelId)) return modelId;
  const bare = modelId.slice(modelId.lastIndexOf('/') + 1);
  if (bare !== modelId && Object.hasOwn(table, bare)) return bare;

  const normalizedId = normalize(modelId);
  let best: string | undefined;
  const consider = (key: string) => {
    if (best === undefined || key.length > best.length || (key.length === best.length && key < best)) best = key;
  };
  const keys = Object.keys(table);
  for (const key of keys) if (containsKey(modelId, key) || containsKey(normalizedId, normalize(key))) consider(key);
  if (best === undefined) return undefined;
  for (const key of keys) if (containsKey(key, modelId) || containsKey(normalize(key), normalizedId)) consider(key);
  return best;
}

/** A price book over `table` (default: the embedded table) with its own cache of resolved ids. */
export function createPriceBook(table: PriceTable = PRICE_TABLE): PriceBook {
  const keys = new Map<string, string | undefined>();
  const keyFor = (modelId: string): string | undefined => {
    if (keys.has(modelId)) return keys.get(modelId);
    const key = matchModelKey(table, modelId);
    keys.set(modelId, key);
    return key;
  };
  return {
    table,
    keyFor,
    findPricing(modelId: string): ModelPricing | undefined {
      const key = keyFor(modelId);
      return key === undefined ? undefined : table[key];
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
