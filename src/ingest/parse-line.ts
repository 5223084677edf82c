// Turns one JSONL line that mentions "usage" into a validated UsageLine, or says why it is not one. Never throws.
// Reads a line's own `message.usage`, or the one an agent-progress line wraps, and the advisor iterations inside it.
import { FAST_SUFFIX } from '../pricing/cost-fn.ts';
import { MAX_TOKENS } from '../ledger/response-store.ts';
import { parseTimestamp } from './timestamp.ts';
import type { AdvisorUsage, RejectReason, UsageLine } from './types.ts';
import type { TokenCounts } from '../ledger/types.ts';

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
  if (
    input === undefined ||
    output === undefined ||
    cacheRead === undefined ||
    cacheCreation5m === undefined ||
    cacheCreation1h === undefined
  ) {
    return undefined;
  }
  return { input, output, cacheCreation5m, cacheCreation1h, cacheRead };
}

const MALFORMED: ParsedLine = { kind: 'rejected', reason: 'malformed' };
const INVALID: ParsedLine = { kind: 'rejected', reason: 'invalid' };
const BAD_TIMESTAMP: ParsedLine = { kind: 'rejected', reason: 'bad-timestamp' };

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

/** `usage.iterations[]` entries of type `advisor_message` with a model and valid counts (others add nothing). */
function advisorsOf(usage: Json): AdvisorUsage[] {
  const iterations = usage.iterations;
  if (!Array.isArray(iterations)) return NO_ADVISORS;
  const out: AdvisorUsage[] = [];
  for (const it of iterations) {
    if (!isObject(it) || it.type !== 'advisor_message') continue;
    const model = id(it.model);
    const tokens = tokensOf(it);
    if (model !== undefined && tokens) out.push({ model, tokens });
  }
  return out;
}

const NO_ADVISORS: AdvisorUsage[] = [];
const LIMIT_REACHED = 'Claude AI usage limit reached|';

/** The reset time an API error `Claude AI usage limit reached|<unix seconds>` announces, epoch ms. */
function limitResetOf(message: Json): number | undefined {
  const content = message.content;
  const texts =
    typeof content === 'string'
      ? [content]
      : Array.isArray(content)
        ? content.map((b) => (isObject(b) ? b.text : undefined))
        : [];
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const at = text.indexOf(LIMIT_REACHED);
    if (at === -1) continue;
    const seconds = /^\d+/.exec(text.slice(at + LIMIT_REACHED.length))?.[0];
    if (seconds !== undefined && Number(seconds) > 0) return Number(seconds) * 1000;
  }
  return undefined;
}

/**
 * Where a line's usage record is: the line itself, or for an agent-progress wrapper
 * (`{"type":"progress","data":{"message":{…an assistant line…}}}`) the line it wraps, whose usage is the subagent's.
 */
function recordOf(value: Json): { readonly record: Json; readonly message: Json; readonly usage: Json } | undefined {
  const message = value.message;
  if (isObject(message) && isObject(message.usage)) return { record: value, message, usage: message.usage };
  const data = value.data;
  const wrapped = isObject(data) ? data.message : undefined;
  const inner = isObject(wrapped) ? wrapped.message : undefined;
  if (isObject(wrapped) && isObject(inner) && isObject(inner.usage))
    return { record: wrapped, message: inner, usage: inner.usage };
  return undefined;
}

/** The usage line a parsed JSON value is, or why it is not one. */
function usageOf(value: unknown): ParsedLine {
  if (!isObject(value)) return { kind: 'rejected', reason: 'not-object' };
  const found = recordOf(value);
  if (!found) return { kind: 'no-usage' };
  const { record, message, usage } = found;
  const wrapped = record !== value;
  const tokens = tokensOf(usage);
  if (!tokens) return INVALID;
  const timestamp = typeof record.timestamp === 'string' ? parseTimestamp(record.timestamp) : Number.NaN;
  if (Number.isNaN(timestamp)) return BAD_TIMESTAMP;
  const rawModel = str(message.model);
  // Fast-mode responses are their own line in the per-model breakdown, priced with the fast factor.
  const model = rawModel !== undefined && usage.speed === 'fast' ? `${rawModel}${FAST_SUFFIX}` : rawModel;
  const costUSD =
    typeof record.costUSD === 'number' && Number.isFinite(record.costUSD) && record.costUSD >= 0
      ? record.costUSD
      : undefined;
  const isApiError = record.isApiErrorMessage === true;
  return {
    kind: 'usage',
    line: {
      timestamp,
      model,
      tokens,
      messageId: id(message.id),
      requestId: id(record.requestId),
      // (a wrapped subagent record belongs to the session and folder of the line that carries it)
      sessionId: id(value.sessionId) ?? id(record.sessionId),
      cwd: str(value.cwd) ?? str(record.cwd),
      version: str(record.version),
      isSidechain: record.isSidechain === true,
      isApiError: isApiError || rawModel === '<synthetic>',
      costUSD,
      uuid: wrapped ? undefined : id(value.uuid),
      parentUuid: wrapped ? undefined : id(value.parentUuid),
      hasSpeed: usage.speed !== undefined && usage.speed !== null,
      advisors: advisorsOf(usage),
      limitResetAt: isApiError ? limitResetOf(message) : undefined,
    },
  };
}
