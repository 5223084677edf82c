// The baseline reader: the least work any JSONL consumer does. Reads a file with readSync into a 1 MB buffer, splits on
// '\n', decodes each line with Buffer.toString and JSON.parses it. Nothing else.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

const NEWLINE = 0x0a;

export interface RawParseCount {
  /** Bytes read. */
  bytes: number;
  /** Non-empty lines parsed. */
  lines: number;
  /** Lines that were not valid JSON. */
  invalid: number;
}

export const emptyCount = (): RawParseCount => ({ bytes: 0, lines: 0, invalid: 0 });

/** Every `*.jsonl` under `projectsDir`, sorted. */
export function listJsonl(projectsDir: string): string[] {
  return readdirSync(projectsDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => join(projectsDir, name))
    .sort();
}

function parseOne(line: Buffer, count: RawParseCount): void {
  if (line.byteLength === 0) return;
  count.lines++;
  try {
    JSON.parse(line.toString('utf8'));
  } catch {
    count.invalid++;
  }
}

/** Parses the lines of `path` in `[start, end)` (end: the file's size when omitted) into `count`. */
export function rawParseFile(
  path: string,
  buffer: Buffer,
  count: RawParseCount,
  start = 0,
  end = Number.POSITIVE_INFINITY,
): void {
  const fd = openSync(path, 'r');
  try {
    let position = start;
    let carry: Buffer | undefined;
    while (position < end) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.byteLength, end - position), position);
      if (n === 0) break;
      position += n;
      count.bytes += n;
      const block = buffer.subarray(0, n);
      let from = 0;
      for (let nl = block.indexOf(NEWLINE); nl !== -1; nl = block.indexOf(NEWLINE, from)) {
        const piece = block.subarray(from, nl);
        parseOne(carry ? Buffer.concat([carry, piece]) : piece, count);
        carry = undefined;
        from = nl + 1;
      }
      // The block is reused: keep a copy of the partial last line.
      if (from < n) carry = carry ? Buffer.concat([carry, block.subarray(from)]) : Buffer.from(block.subarray(from));
    }
    if (carry) parseOne(carry, count);
  } finally {
    closeSync(fd);
  }
}
