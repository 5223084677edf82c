// Claude Code writes one line per content block, each repeating the response's requestId and usage. A line whose
// message id, requestId, sidechain flag and usage object are byte-for-byte those of the previous counted line in the same file is that same
// response again: it cannot change any total (same tokens, same file, so the first copy stays), so it skips JSON.parse.
// A miss only costs a parse; a hit needs the exact usage text at the line's usage key, so it cannot be wrong.

const REQUEST_ID = '"requestId":"';
const USAGE = '"usage":{';

/** The `"usage":{…}` object's text, found by brace depth (usage holds no strings with braces). */
function usageText(line: string, start: number): string | undefined {
  let depth = 1;
  let p = start + USAGE.length;
  while (depth > 0) {
    const close = line.indexOf('}', p);
    if (close === -1) return undefined;
    const open = line.indexOf('{', p);
    if (open !== -1 && open < close) {
      depth++;
      p = open + 1;
    } else {
      depth--;
      p = close + 1;
    }
  }
  return line.slice(start, p);
}

const SIDECHAIN = '"isSidechain":true';

/** Remembers the last counted line of one file read. */
export class RepeatFilter {
  /** `"requestId":"…"` of the last counted line. */
  #requestId: string | undefined;
  /** `"id":"…"`: its message id (lines without one are never deduplicated, so never remembered). */
  #messageId: string | undefined;
  #usage: string | undefined;
  #sidechain = false;

  /** True when `line` repeats the last remembered response exactly. */
  isRepeat(line: string): boolean {
    if (this.#requestId === undefined || this.#usage === undefined || this.#messageId === undefined) return false;
    const at = line.indexOf(USAGE);
    return (
      at !== -1 &&
      line.startsWith(this.#usage, at) &&
      line.includes(this.#requestId) &&
      line.includes(this.#messageId) &&
      line.includes(SIDECHAIN) === this.#sidechain
    );
  }

  /** Remember a line that was just counted as a valid usage line with this message id. */
  remember(line: string, messageId: string | undefined): void {
    const req = line.indexOf(REQUEST_ID);
    const reqEnd = req === -1 ? -1 : line.indexOf('"', req + REQUEST_ID.length);
    const at = line.indexOf(USAGE);
    if (messageId === undefined || reqEnd === -1 || at === -1) return this.forget();
    this.#requestId = line.slice(req, reqEnd + 1);
    this.#messageId = `"id":${JSON.stringify(messageId)}`;
    this.#usage = usageText(line, at);
    this.#sidechain = line.includes(SIDECHAIN);
  }

  forget(): void {
    this.#requestId = undefined;
    this.#messageId = undefined;
    this.#usage = undefined;
  }
}
