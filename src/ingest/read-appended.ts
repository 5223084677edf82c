// Reads the bytes appended to one file since `offset`, in bounded blocks, and hands over each line that may carry usage.
// Lines without the bytes `"usage"` are never decoded or parsed; a partial last line waits for its newline.
//
// Two block sources. Live ticks stream with `Bun.file().slice()` (a fresh buffer per block, read on Bun's I/O
// threads). The parse workers of a cold start read with positional `readSync` into one buffer they reuse: every
// `Bun.file` read is a promise, a hop to an I/O thread and a fresh buffer, and over a 1 GB cold ingest that cost
// ≈ 0.6–1.1 s more CPU (README "Benchmarks"); a worker has nothing else to do while it reads.
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { parentLine } from './response-time.ts';

const NEWLINE = 0x0a;
const USAGE = Buffer.from('"usage"');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface ReadLimits {
  /** Bytes read per block. */
  readonly blockBytes: number;
  /** Longer lines are skipped and counted; memory stays within about this much per file. */
  readonly maxLineBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { blockBytes: 1 << 20, maxLineBytes: 64 << 20 };

/** A line without usage, as far as the response after it needs it (see response-time.ts). */
export interface ParentLine {
  readonly uuid: string;
  /** Epoch ms. */
  readonly timestamp: number;
}

export interface ReadStart {
  readonly offset: number;
  /** Bytes to read up to (the size seen when the file was stat-ed); later appends wait for the next tick. */
  readonly end: number;
  readonly skippingLongLine: boolean;
  /** The line just before `offset`, when it holds no usage (the previous read's `parent`). */
  readonly parent?: ParentLine;
}

export interface ReadOutcome {
  /** Where the next read starts: just past the last consumed line. */
  readonly offset: number;
  readonly skippingLongLine: boolean;
  readonly bytesRead: number;
  readonly linesScanned: number;
  readonly oversizedLines: number;
  /** The last line consumed, when it holds no usage: the next read's `parent`. */
  readonly parent: ParentLine | undefined;
}

/**
 * A candidate line: `bytes[start, end)` without its newline, with `"usage"` at `usageAt`. The bytes are valid during
 * the call only: the next block may be read into the same buffer. When the line before it is in the same block and
 * carries no usage (the prompt a response answers), it is `bytes[previousStart, start - 1)`; otherwise
 * `previousStart` is -1, and `parent` is that line when it holds no usage and ended an earlier block or read. It lets
 * the caller time responses.
 */
export interface CandidateLine {
  readonly bytes: Buffer;
  readonly start: number;
  readonly end: number;
  readonly usageAt: number;
  readonly previousStart: number;
  readonly parent: ParentLine | undefined;
  /** The line is pure ASCII (its whole block is): it can be parsed from its bytes, with no decoding. */
  readonly ascii: boolean;
}

export type LineSink = (line: CandidateLine) => void;
/** Decides whether an unterminated tail is a complete line (a whole JSON object) and consumes it if so. */
export type TailSink = (text: string) => boolean;

const CLOSE_BRACE = 0x7d;

/** Only a tail ending in `}` (before trailing blanks) can be a whole object: anything else is still being written. */
function mayBeComplete(tail: Buffer): boolean {
  for (let i = tail.byteLength - 1; i >= 0; i--) {
    const c = tail[i];
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    return c === CLOSE_BRACE;
  }
  return false;
}

/** Where a read gets one file's blocks. A block may be read into a buffer that the next read reuses. */
export interface BlockSource {
  /** Up to `length` bytes at `pos`: fewer at the end of the file, none past it. */
  read(pos: number, length: number): Uint8Array | Promise<Uint8Array>;
  close(): void;
}

/** Opens a file's block source; may throw (or the first read reject) when the file cannot be read. */
export type OpenBlocks = (path: string) => BlockSource;

/** Blocks through `Bun.file(path).slice()`: each a fresh buffer, read on Bun's I/O threads. */
export const fileBlocks: OpenBlocks = (path) => {
  const file = Bun.file(path);
  return { read: (pos, length) => file.slice(pos, pos + length).bytes(), close: () => {} };
};

/** A buffer to read blocks into with `syncBlocks`; one per thread serves every file it reads. */
export const blockBuffer = (limits: ReadLimits = DEFAULT_LIMITS): Buffer => Buffer.allocUnsafe(limits.blockBytes);

/** Blocks with positional `readSync` into `buffer`, which each read overwrites. Opens the file at once. */
export function syncBlocks(buffer: Buffer): OpenBlocks {
  return (path) => {
    const fd = openSync(path, 'r');
    return { read: (pos, length) => buffer.subarray(0, readSync(fd, buffer, 0, Math.min(length, buffer.byteLength), pos)), close: () => closeSync(fd) };
  };
}

/**
 * Reads `[start.offset, start.end)` of the file block by block (from `fileBlocks` unless told otherwise); never holds
 * more than a block plus one line. Rejects when the file cannot be opened or read.
 */
export async function readAppended(path: string, start: ReadStart, onLine: LineSink, onTail: TailSink, limits: ReadLimits = DEFAULT_LIMITS, open: OpenBlocks = fileBlocks): Promise<ReadOutcome> {
  if (start.offset >= start.end) {
    // Nothing to read (the file's mtime changed, not its size): the file is not even opened.
    return { offset: start.offset, skippingLongLine: start.skippingLongLine, bytesRead: 0, linesScanned: 0, oversizedLines: 0, parent: start.parent };
  }
  const blocks = open(path);
  try {
    return await readBlocks(blocks, start, onLine, onTail, limits);
  } finally {
    blocks.close();
  }
}

async function readBlocks(blocks: BlockSource, start: ReadStart, onLine: LineSink, onTail: TailSink, limits: ReadLimits): Promise<ReadOutcome> {
  let pos = start.offset;
  let skipping = start.skippingLongLine;
  let consumed = start.offset;
  let pieces: Buffer[] = [];
  let pending = 0;
  let bytesRead = 0;
  let linesScanned = 0;
  let oversizedLines = 0;
  /** The line before the next one to be handled, when it holds no usage and is not in the block being walked. */
  let parent = start.parent;

  /** Keeps a piece of a line that has no newline yet; past the limit the line is dropped and skipped to its end. */
  const holdPartial = (piece: Buffer) => {
    pieces.push(piece);
    pending += piece.byteLength;
    if (pending <= limits.maxLineBytes) return;
    oversizedLines++;
    linesScanned++;
    pieces = [];
    pending = 0;
    skipping = true;
    consumed = pos;
    parent = undefined;
  };

  while (pos < start.end) {
    const bytes = await blocks.read(pos, Math.min(limits.blockBytes, start.end - pos));
    if (bytes.byteLength === 0) break; // truncated under us: stop; the next tick sees the new size
    const block = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const blockStart = pos;
    pos += block.byteLength;
    bytesRead += block.byteLength;
    let from = 0;
    if (blockStart === 0 && block.subarray(0, 3).equals(BOM)) from = 3;

    if (skipping) {
      const nl = block.indexOf(NEWLINE, from);
      if (nl === -1) {
        consumed = pos;
        continue;
      }
      skipping = false;
      from = nl + 1;
      consumed = blockStart + from;
      parent = undefined; // (the line before the next is the one skipped)
    }
    if (pending > 0) {
      // A line started in an earlier block: finish it first.
      const nl = block.indexOf(NEWLINE, from);
      if (nl === -1) {
        holdPartial(Buffer.from(block)); // (a copy: the buffer may be read into again)
        continue;
      }
      pieces.push(block.subarray(0, nl));
      const line = Buffer.concat(pieces);
      pieces = [];
      pending = 0;
      linesScanned++;
      if (line.byteLength > limits.maxLineBytes) {
        oversizedLines++;
        parent = undefined;
      } else {
        const usageAt = line.indexOf(USAGE);
        if (usageAt !== -1) onLine({ bytes: line, start: 0, end: line.byteLength, usageAt, previousStart: -1, parent, ascii: isAscii(line) });
        parent = usageAt === -1 ? parentLine(line, 0, line.byteLength) : undefined;
      }
      from = nl + 1;
      consumed = blockStart + from;
    }

    // Whole lines inside this block, walked newline to newline (which tallies them). "usage" is searched for from one
    // hit to the next only, so no byte is searched twice and a line's start is known without looking back.
    const lastNl = block.lastIndexOf(NEWLINE);
    if (lastNl >= from) {
      const ascii = isAscii(block);
      let usageAt = block.indexOf(USAGE, from);
      /** Start of the line before, when it is in this block and holds no "usage" (the prompt a response answers). */
      let previousStart = -1;
      for (let lineStart = from; lineStart <= lastNl; ) {
        const lineEnd = block.indexOf(NEWLINE, lineStart);
        linesScanned++;
        if (usageAt !== -1 && usageAt < lineEnd) {
          if (lineEnd - lineStart > limits.maxLineBytes) oversizedLines++;
          else onLine({ bytes: block, start: lineStart, end: lineEnd, usageAt, previousStart, parent: lineStart === from ? parent : undefined, ascii });
          previousStart = -1;
          usageAt = block.indexOf(USAGE, lineEnd + 1);
        } else {
          previousStart = lineStart;
        }
        lineStart = lineEnd + 1;
      }
      // The block's last line, for the line after it (in the next block or the next read).
      parent = previousStart >= 0 ? parentLine(block, previousStart, lastNl) : undefined;
      from = lastNl + 1;
      consumed = blockStart + from;
    }
    // A copy of the rest: the buffer may be read into again.
    if (from < block.byteLength) holdPartial(Buffer.from(block.subarray(from)));
  }

  // An unterminated tail counts only once it is a complete JSON object; otherwise it is re-read next time.
  if (pending > 0) {
    const tail = Buffer.concat(pieces);
    if (mayBeComplete(tail) && onTail(tail.toString('utf8'))) {
      linesScanned++;
      consumed = start.end;
      parent = tail.includes(USAGE) ? undefined : parentLine(tail, 0, tail.byteLength);
    }
  }
  return { offset: consumed, skippingLongLine: skipping, bytesRead, linesScanned, oversizedLines, parent };
}
