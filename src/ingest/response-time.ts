// Response time: from the line a response answers (its parent, the line just before it) to the response's first line.
// Only adjacent parents are sampled: the parent must be the previous line of the same file, with uuid === parentUuid
// written in its last 4 KB (where Claude Code puts it).

const UUID = Buffer.from('"uuid":"');
const TIMESTAMP = Buffer.from('"timestamp":"');

/** Claude Code writes uuid and timestamp near a line's end; only this much of it is searched. */
const WINDOW = 4096;

/** The string value of the last top-level-looking `"key":"…"` near the line's end. */
function lastValue(line: Buffer, key: Buffer): string | undefined {
  const at = line.lastIndexOf(key);
  if (at === -1) return undefined;
  const start = at + key.byteLength;
  const end = line.indexOf(0x22, start);
  return end === -1 ? undefined : line.toString('latin1', start, end);
}

/** Milliseconds from the parent line to the response, or undefined when the previous line is not its parent. */
export function responseDelay(previous: Buffer | undefined, parentUuid: string | undefined, timestamp: number): number | undefined {
  if (!previous || !parentUuid) return undefined;
  const tail = previous.byteLength > WINDOW ? previous.subarray(previous.byteLength - WINDOW) : previous;
  if (lastValue(tail, UUID) !== parentUuid) return undefined;
  const parentTime = Date.parse(lastValue(tail, TIMESTAMP) ?? '');
  const delay = timestamp - parentTime;
  return Number.isFinite(delay) && delay >= 0 ? delay : undefined;
}
