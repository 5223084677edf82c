// Claude Code writes one line per content block, each repeating the response's message id, requestId and usage.
// A line whose message id, requestId, sidechain flag and usage object are byte-for-byte those of the previous counted
// line in the same file is that same response again: it cannot change any total (same tokens, same file, so the first
// copy stays), so it is neither decoded nor parsed. A miss only costs a parse; a hit needs the exact usage bytes at the
// line's own "usage" key, so it cannot be wrong.

const USAGE_OPEN = Buffer.from('"usage":{');
const SIDECHAIN_KEY = Buffer.from('"isSidechain":');
const LETTER_T = 0x74;
const OPEN = 0x7b;
const CLOSE = 0x7d;

/** End (exclusive) of the `{…}` object starting at `open`, by brace depth (usage holds no strings with braces). */
function objectEnd(bytes: Buffer, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = bytes[i];
    if (c === OPEN) depth++;
    else if (c === CLOSE && --depth === 0) return i + 1;
  }
  return -1;
}

/** Whether `needle` occurs in `bytes[start, end)`; the search stops at `end`'s block boundary only when found earlier. */
function within(bytes: Buffer, start: number, end: number, needle: Buffer): boolean {
  const at = bytes.indexOf(needle, start);
  return at !== -1 && at + needle.byteLength <= end;
}

/** `"isSidechain":true` in the line (read at its key, not searched for, so a main line costs one short search). */
function isSidechain(bytes: Buffer, start: number, end: number): boolean {
  const at = bytes.indexOf(SIDECHAIN_KEY, start);
  return at !== -1 && at < end && bytes[at + SIDECHAIN_KEY.byteLength] === LETTER_T;
}

/** Remembers the last counted line of one file read. */
export class RepeatFilter {
  /** `"usage":{…}` of the last counted line. */
  #usage: Buffer | undefined;
  /** `"requestId":"…"` and `"id":"…"` of the last counted line. */
  #requestId: Buffer | undefined;
  #messageId: Buffer | undefined;
  #sidechain = false;

  /** True when the line repeats the last remembered response exactly. */
  isRepeat(bytes: Buffer, start: number, end: number, usageAt: number): boolean {
    const usage = this.#usage;
    if (!usage || !this.#requestId || !this.#messageId) return false;
    return (
      usageAt + usage.byteLength <= end &&
      bytes.compare(usage, 0, usage.byteLength, usageAt, usageAt + usage.byteLength) === 0 &&
      within(bytes, start, end, this.#messageId) &&
      within(bytes, start, end, this.#requestId) &&
      isSidechain(bytes, start, end) === this.#sidechain
    );
  }

  /** Remember a line just counted as a valid usage line with these ids (copies what it keeps). */
  remember(bytes: Buffer, start: number, end: number, usageAt: number, messageId: string | undefined, requestId: string | undefined): void {
    const usageEnd = bytes.compare(USAGE_OPEN, 0, USAGE_OPEN.byteLength, usageAt, usageAt + USAGE_OPEN.byteLength) === 0
      ? objectEnd(bytes, usageAt + USAGE_OPEN.byteLength - 1, end)
      : -1;
    if (messageId === undefined || requestId === undefined || usageEnd === -1) return this.forget();
    this.#usage = Buffer.from(bytes.subarray(usageAt, usageEnd));
    this.#requestId = Buffer.from(`"requestId":${JSON.stringify(requestId)}`);
    this.#messageId = Buffer.from(`"id":${JSON.stringify(messageId)}`);
    this.#sidechain = isSidechain(bytes, start, end);
  }

  forget(): void {
    this.#usage = undefined;
    this.#requestId = undefined;
    this.#messageId = undefined;
  }
}
