// Response time: from the line a response answers (its parent, the line just before it) to the response's first line.
// Only adjacent parents are sampled: the parent must be the previous line of the same file, with uuid === parentUuid
// written in its last 4 KB (where Claude Code puts it). A parent in the same block is read in place; one that ended a
// previous block or a previous read (tick) comes with the line as a `ParentLine`, taken when that line was read.
import { parseTimestamp } from './timestamp.ts';
import type { CandidateLine, ParentLine } from './types.ts';

const UUID = Buffer.from('"uuid":"');
const TIMESTAMP = Buffer.from('"timestamp":"');
const QUOTE = 0x22;

/** Claude Code writes uuid and timestamp near a line's end; only this much of it is searched. */
const WINDOW = 4096;

/** Whether the last `"uuid":"…"` in `bytes[from, end)` holds exactly `uuid` (compared byte by byte: no string is made). */
function lastUuidIs(bytes: Buffer, from: number, end: number, uuid: string): boolean {
  const at = lastIndexIn(bytes, UUID, from, end);
  if (at === -1) return false;
  const start = at + UUID.byteLength;
  if (start + uuid.length >= end || bytes[start + uuid.length] !== QUOTE) return false;
  for (let i = 0; i < uuid.length; i++) {
    if (bytes[start + i] !== uuid.charCodeAt(i)) return false;
  }
  return true;
}

/** Start of the last `needle` wholly inside `bytes[from, end)`, or -1. */
function lastIndexIn(bytes: Buffer, needle: Buffer, from: number, end: number): number {
  if (end - from < needle.byteLength) return -1; // (a negative offset would search from the buffer's end)
  const at = bytes.lastIndexOf(needle, end - needle.byteLength);
  return at >= from ? at : -1;
}

/** Epoch ms of the last `"timestamp":"…"` in `bytes[from, end)`, or NaN. */
function lastTimestamp(bytes: Buffer, from: number, end: number): number {
  const at = lastIndexIn(bytes, TIMESTAMP, from, end);
  if (at === -1) return Number.NaN;
  const start = at + TIMESTAMP.byteLength;
  const close = bytes.indexOf(QUOTE, start);
  return close === -1 || close >= end ? Number.NaN : parseTimestamp(bytes.toString('latin1', start, close));
}

/** The uuid and time of the line `bytes[start, end)` (a line without usage), for the line after it; or undefined. */
export function parentLine(bytes: Buffer, start: number, end: number): ParentLine | undefined {
  const from = Math.max(start, end - WINDOW);
  const at = lastIndexIn(bytes, UUID, from, end);
  if (at === -1) return undefined;
  const close = bytes.indexOf(QUOTE, at + UUID.byteLength);
  if (close === -1 || close >= end) return undefined;
  const timestamp = lastTimestamp(bytes, from, end);
  return Number.isNaN(timestamp)
    ? undefined
    : { uuid: bytes.toString('latin1', at + UUID.byteLength, close), timestamp };
}

/** Milliseconds from the parent line to the response, or undefined when the previous line is not its parent. */
export function responseDelay(
  line: CandidateLine,
  parentUuid: string | undefined,
  timestamp: number,
): number | undefined {
  if (!parentUuid) return undefined;
  let parentTime: number;
  if (line.previousStart >= 0) {
    const end = line.start - 1;
    const from = Math.max(line.previousStart, end - WINDOW);
    if (!lastUuidIs(line.bytes, from, end, parentUuid)) return undefined;
    parentTime = lastTimestamp(line.bytes, from, end);
  } else if (line.parent?.uuid === parentUuid) {
    parentTime = line.parent.timestamp;
  } else {
    return undefined;
  }
  const delay = timestamp - parentTime;
  return Number.isFinite(delay) && delay >= 0 ? delay : undefined;
}
