// Turns one JSONL line that mentions "usage" into a validated UsageLine, or says why it is not one. Never throws.
import { FAST_SUFFIX } from '../pricing/cost-fn.ts';
import { MAX_TOKENS } from './response-store.ts';
import { parseTimestamp } from './timestamp.ts';
import type { RejectReason, TokenCounts, UsageLine } from './types.ts';

export type ParsedLine =
  | { readonly kind: 'usage'; readonly line: UsageLine }
  | { readonly kind: 'no-usage' }
  | { readonly kind: 'rejected'; readonly reason: RejectReason };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** An identifier: a non-empty string (ccusage drops lines with `requestId: ""`; cco counts them, without the id). */
const id = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** A token count: an integer from 0 to 2³²−1; absent (or null) is 0; anything else (strings, negatives, NaN, huge) invalidates the line. */
function count(v: unknown): number | undefined {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_TOKENS ? v : undefined;
}

function tokensOf(usage: Json): TokenCounts | undefined {
  if (typeof usage.input_tokens !== 'number' || typeof usage.output_tokens !== 'number') return undefined;
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const cacheRead = count(usage.cache_read_input_tokens);
  let cacheCreation5m = count(usage.cache_creation_input_tokens);
  let cacheCreation1h: number | undefined = 0;
  // The TTL split, when present, replaces the plain total (as ccusage does).
  if (isObject(usage.cache_creation)) {
    cacheCreation5m = count(usage.cache_creation.ephemeral_5m_input_tokens);
    cacheCreation1h = count(usage.cache_creation.ephemeral_1h_input_tokens);
  }
  if (input === undefined || output === undefined || cacheRead === undefined || cacheCreation5m === undefined || cacheCreation1h === undefined) {
    return undefined;
  }
  return { input, output, cacheCreation5m, cacheCreation1h, cacheRead };
}

const MALFORMED: ParsedLine = { kind: 'rejected', reason: 'malformed' };

/** Parses `text` (one line, without its newline; a trailing CR is fine). */
export function parseLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return MALFORMED;
  }
  return usageOf(value);
}

/**
 * Parses the line `bytes[start, end)` (without its newline), which must be all ASCII, as `parseLine` parses its text:
 * Bun's JSONL parser reads ASCII bytes in place, so the line is never decoded into a string. A line is one JSON value
 * or malformed: anything after the first value but blanks (a second value, garbage) rejects it, as JSON.parse does.
 */
export function parseAsciiLine(bytes: Uint8Array, start: number, end: number): ParsedLine {
  const { values, done, error } = Bun.JSONL.parseChunk(bytes, start, end);
  if (error !== null || !done || values.length !== 1) return MALFORMED;
  return usageOf(values[0]);
}

/** The usage line a parsed JSON value is, or why it is not one. */
function usageOf(value: unknown): ParsedLine {
  if (!isObject(value)) return { kind: 'rejected', reason: 'not-object' };
  const message = value.message;
  if (!isObject(message) || !isObject(message.usage)) return { kind: 'no-usage' };
  const tokens = tokensOf(message.usage);
  const timestamp = typeof value.timestamp === 'string' ? parseTimestamp(value.timestamp) : Number.NaN;
  if (!tokens || Number.isNaN(timestamp)) return { kind: 'rejected', reason: 'invalid' };
  const rawModel = str(message.model);
  // Fast-mode responses are their own line in the per-model breakdown, priced with the fast factor.
  const model = rawModel !== undefined && message.usage.speed === 'fast' ? `${rawModel}${FAST_SUFFIX}` : rawModel;
  const costUSD = typeof value.costUSD === 'number' && Number.isFinite(value.costUSD) && value.costUSD >= 0 ? value.costUSD : undefined;
  return {
    kind: 'usage',
    line: {
      timestamp,
      model,
      tokens,
      messageId: id(message.id),
      requestId: id(value.requestId),
      sessionId: id(value.sessionId),
      cwd: str(value.cwd),
      version: str(value.version),
      isSidechain: value.isSidechain === true,
      isApiError: value.isApiErrorMessage === true || rawModel === '<synthetic>',
      costUSD,
      uuid: id(value.uuid),
      parentUuid: id(value.parentUuid),
    },
  };
}
