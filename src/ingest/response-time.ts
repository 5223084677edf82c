// Response time: from the line a response answers (its parent, the line just before it) to the response's first line.
// Only adjacent parents are sampled: the parent must be the previous line of the same file, with uuid === parentUuid
// written in its last 4 KB (where Claude Code puts it).
import type { CandidateLine } from './read-appended.ts';
import { parseTimestamp } from './timestamp.ts';

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

/** Milliseconds from the parent line to the response, or undefined when the previous line is not its parent. */
export function responseDelay(line: CandidateLine, parentUuid: string | undefined, timestamp: number): number | undefined {
  if (line.previousStart < 0 || !parentUuid) return undefined;
  const end = line.start - 1;
  const from = Math.max(line.previousStart, end - WINDOW);
  if (!lastUuidIs(line.bytes, from, end, parentUuid)) return undefined;
  const delay = timestamp - lastTimestamp(line.bytes, from, end);
  return Number.isFinite(delay) && delay >= 0 ? delay : undefined;
}
