// Claude Code writes one line per content block, each repeating the response's message id, requestId and usage.
// A line whose message id, requestId, sidechain flag and usage object are byte-for-byte those of the previous counted
// line in the same file is that same response again: it cannot change any total (same tokens, same file, so the first
// copy stays), so it is neither decoded nor parsed. A miss only costs a parse. A hit needs the exact usage bytes, and
// `"usage":{` and `"requestId":"` each exactly once in the line: a key can only be a real key in raw JSON bytes, but
// it may be one of a nested object (an MCP tool's input holding `{"usage":{…}}`), and then it proves nothing.
//
// This runs for every usage line, so it allocates nothing per line: it copies the last counted line's usage object and
// writes the id patterns into buffers it owns (the reader reads the next block into the same buffer).

const USAGE_OPEN = Buffer.from('"usage":{');
const REQUEST_KEY = Buffer.from('"requestId":"');
const SIDECHAIN_KEY = Buffer.from('"isSidechain":');
const LETTER_T = 0x74;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const QUOTE = 0x22;
/** Ids written as-is inside JSON quotes: printable ASCII without `"` and `\`. Others are never matched (only a parse more). */
const PLAIN_ID = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,200}$/;

/** End (exclusive) of the `{…}` object starting at `open`, by brace depth (usage holds no strings with braces). */
function objectEnd(bytes: Uint8Array, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = bytes[i];
    if (c === OPEN) depth++;
    else if (c === CLOSE && --depth === 0) return i + 1;
  }
  return -1;
}

/** `"isSidechain":true` in the line (read at its key, not searched for, so a main line costs one short search). */
function isSidechain(bytes: Buffer, start: number, end: number): boolean {
  const at = bytes.indexOf(SIDECHAIN_KEY, start);
  return at !== -1 && at < end && bytes[at + SIDECHAIN_KEY.byteLength] === LETTER_T;
}

/** Whether `key` occurs in `bytes[from, end)`. */
function occursIn(bytes: Buffer, from: number, end: number, key: Uint8Array): boolean {
  const at = bytes.indexOf(key, from);
  return at !== -1 && at + key.byteLength <= end;
}

/** Where `key` occurs in `bytes[start, end)` when it occurs there exactly once, else -1. */
function onlyOccurrence(bytes: Buffer, start: number, end: number, key: Uint8Array): number {
  const at = bytes.indexOf(key, start);
  if (at === -1 || at + key.byteLength > end) return -1;
  const again = bytes.indexOf(key, at + 1);
  return again !== -1 && again + key.byteLength <= end ? -1 : at;
}

/** Whether `bytes[at, at + pattern.length)` is exactly `pattern` (a JS loop: cheaper than a native call for ids). */
function matchesAt(bytes: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at < 0 || at + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    if (bytes[at + i] !== pattern[i]) return false;
  }
  return true;
}

/**
 * The bytes `"<key>":"<value>"`, kept in one buffer that is rewritten in place while the length stays the same.
 * Where it was last found, relative to an anchor of the line, is tried first: lines of one response share a layout.
 */
class KeyPattern {
  readonly #prefix: string;
  #bytes: Buffer | undefined;
  #hint = 0;

  constructor(key: string) {
    this.#prefix = `"${key}":"`;
  }

  /** Sets the value; false (and no pattern) when the value is not a plain id. */
  set(value: string): boolean {
    if (!PLAIN_ID.test(value)) {
      this.#bytes = undefined;
      return false;
    }
    const length = this.#prefix.length + value.length + 1;
    if (this.#bytes?.byteLength !== length) {
      this.#bytes = Buffer.allocUnsafe(length);
      this.#bytes.write(this.#prefix, 0, 'latin1');
    }
    this.#bytes.write(value, this.#prefix.length, 'latin1');
    this.#bytes[length - 1] = QUOTE;
    return true;
  }

  /** Whether the pattern stands at `at` and ends by `end`. */
  isAt(bytes: Buffer, at: number, end: number): boolean {
    const pattern = this.#bytes;
    return pattern !== undefined && at + pattern.byteLength <= end && matchesAt(bytes, at, pattern);
  }

  /**
   * Whether the pattern occurs in `bytes[start, end)`: first where it was last seen relative to `from`, then searched
   * for in `[from, end)` (where the key usually is), then in the whole line.
   */
  occursIn(bytes: Buffer, start: number, end: number, from: number): boolean {
    const pattern = this.#bytes;
    if (!pattern) return false;
    const hinted = from + this.#hint;
    if (hinted >= start && hinted + pattern.byteLength <= end && matchesAt(bytes, hinted, pattern)) return true;
    let at = bytes.indexOf(pattern, from);
    if (at === -1 || at + pattern.byteLength > end) at = from === start ? -1 : bytes.indexOf(pattern, start);
    if (at === -1 || at + pattern.byteLength > end) return false;
    this.#hint = at - from;
    return true;
  }
}

/** Remembers the last counted line of one file read. */
export class RepeatFilter {
  /** A copy of the last counted line's `"usage":{…}`, `#usage[0, #usageLength)`; 0 when forgotten. */
  #usage = Buffer.allocUnsafe(1024);
  #usageLength = 0;
  readonly #messageId = new KeyPattern('id');
  readonly #requestId = new KeyPattern('requestId');
  #sidechain = false;

  /** True when the line repeats the last remembered response exactly. */
  isRepeat(bytes: Buffer, start: number, end: number, usageAt: number): boolean {
    const length = this.#usageLength;
    if (length === 0) return false;
    return (
      usageAt + length <= end &&
      bytes.compare(this.#usage, 0, length, usageAt, usageAt + length) === 0 &&
      // (`usageAt` is the line's first "usage"; a second one may be the line's own, so the line is parsed)
      !occursIn(bytes, usageAt + 1, end, USAGE_OPEN) &&
      this.#messageId.occursIn(bytes, start, end, start) &&
      this.#requestIdAt(bytes, start, end) &&
      isSidechain(bytes, start, end) === this.#sidechain
    );
  }

  /** The line's one `"requestId":"` holds the remembered id. */
  #requestIdAt(bytes: Buffer, start: number, end: number): boolean {
    const at = onlyOccurrence(bytes, start, end, REQUEST_KEY);
    return at !== -1 && this.#requestId.isAt(bytes, at, end);
  }

  /** Remember a line just counted as a valid usage line with these ids. */
  remember(
    bytes: Buffer,
    start: number,
    end: number,
    usageAt: number,
    messageId: string | undefined,
    requestId: string | undefined,
  ): void {
    const usageEnd =
      usageAt + USAGE_OPEN.byteLength <= end && matchesAt(bytes, usageAt, USAGE_OPEN)
        ? objectEnd(bytes, usageAt + USAGE_OPEN.byteLength - 1, end)
        : -1;
    if (messageId === undefined || requestId === undefined || usageEnd === -1) return this.forget();
    // A line with two usage objects: the first may be a nested one, not what the line counted.
    if (occursIn(bytes, usageAt + 1, end, USAGE_OPEN)) return this.forget();
    if (!this.#messageId.set(messageId) || !this.#requestId.set(requestId)) return this.forget();
    const length = usageEnd - usageAt;
    if (this.#usage.byteLength < length) this.#usage = Buffer.allocUnsafe(Math.max(length, 2 * this.#usage.byteLength));
    bytes.copy(this.#usage, 0, usageAt, usageEnd);
    this.#usageLength = length;
    this.#sidechain = isSidechain(bytes, start, end);
  }

  forget(): void {
    this.#usageLength = 0;
  }
}
