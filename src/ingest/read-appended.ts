// Reads the bytes appended to one file since `offset`, in bounded blocks, and hands over each line that may carry usage.
// Lines without the bytes `"usage"` are never decoded or parsed; a partial last line waits for its newline.
//
// Live ticks stream with `Bun.file().slice()` (`readAppended`). The parse workers of a cold start read with positional
// `readSync` into one buffer they reuse (`readAppendedSync`): every `Bun.file` read is a promise, a hop to an I/O
// thread and a fresh buffer, and over a 1 GB cold ingest that cost ≈ 0.6–1.1 s more CPU (README "Benchmarks"). Both
// walk each block with the same synchronous code (`BlockWalk`): the walk inside an async function cost the workers
// ≈ 0.4 s more CPU per GB.
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { FINGERPRINT_BYTES, fingerprintOf, NO_FINGERPRINT } from './fingerprint.ts';
import { parentLine } from './response-time.ts';
import type { CandidateLine, ParentLine } from './types.ts';

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
  /** Fingerprint of the bytes before `offset` (fingerprint.ts), or NO_FINGERPRINT when this read did not see them all. */
  readonly fingerprint: number;
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

/** A buffer for `readAppendedSync`; one per thread serves every file it reads. */
export const blockBuffer = (limits: ReadLimits = DEFAULT_LIMITS): Buffer => Buffer.allocUnsafe(limits.blockBytes);

/**
 * Reads `[start.offset, start.end)` of the file through `Bun.file(path).slice()`, block by block; never holds more
 * than a block plus one line. Rejects when the file cannot be read.
 */
export async function readAppended(
  path: string,
  start: ReadStart,
  onLine: LineSink,
  onTail: TailSink,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<ReadOutcome> {
  const file = Bun.file(path); // (opens nothing: an empty range, where the mtime changed but not the size, reads nothing)
  const walk = new BlockWalk(start, onLine, limits);
  while (walk.pos < start.end) {
    const bytes = await file.slice(walk.pos, Math.min(walk.pos + limits.blockBytes, start.end)).bytes();
    if (!walk.add(bytes)) break;
  }
  return walk.finish(onTail);
}

/**
 * `readAppended` with positional `readSync` into `buffer`, which each block overwrites: for the parse workers of a
 * cold start, which have nothing else to do while they read. Throws when the file cannot be opened or read.
 */
export function readAppendedSync(
  path: string,
  start: ReadStart,
  onLine: LineSink,
  onTail: TailSink,
  limits: ReadLimits = DEFAULT_LIMITS,
  buffer: Buffer = blockBuffer(limits),
): ReadOutcome {
  const walk = new BlockWalk(start, onLine, limits);
  if (walk.pos >= start.end) return walk.finish(onTail); // (an empty range opens nothing)
  const fd = openSync(path, 'r');
  try {
    while (walk.pos < start.end) {
      const n = readSync(fd, buffer, 0, Math.min(limits.blockBytes, buffer.byteLength, start.end - walk.pos), walk.pos);
      if (!walk.add(buffer.subarray(0, n))) break;
    }
    return walk.finish(onTail);
  } finally {
    closeSync(fd);
  }
}

/** The lines of one read, block by block: a block is walked as soon as it is read and may be overwritten after. */
class BlockWalk {
  /** Where the next block starts. */
  pos: number;
  readonly #offset: number;
  #skipping: boolean;
  #consumed: number;
  #pieces: Buffer[] = [];
  #pending = 0;
  #linesScanned = 0;
  #oversizedLines = 0;
  /** The line before the next one to be handled, when it holds no usage and is not in the block being walked. */
  #parent: ParentLine | undefined;
  /** Copies of the last bytes read before `pos` (at most FINGERPRINT_BYTES), for the fingerprint of `#consumed`. */
  #carry: Buffer = Buffer.alloc(0);
  #fingerprint = NO_FINGERPRINT;
  /** The offset `#fingerprint` is for. */
  #fingerprintAt = -1;

  constructor(
    start: ReadStart,
    private readonly onLine: LineSink,
    private readonly limits: ReadLimits,
  ) {
    this.pos = start.offset;
    this.#offset = start.offset;
    this.#skipping = start.skippingLongLine;
    this.#consumed = start.offset;
    this.#parent = start.parent;
  }

  /** Keeps a piece of a line that has no newline yet; past the limit the line is dropped and skipped to its end. */
  #holdPartial(piece: Buffer): void {
    this.#pieces.push(piece);
    this.#pending += piece.byteLength;
    if (this.#pending <= this.limits.maxLineBytes) return;
    this.#oversizedLines++;
    this.#linesScanned++;
    this.#pieces = [];
    this.#pending = 0;
    this.#skipping = true;
    this.#consumed = this.pos;
    this.#parent = undefined;
  }

  /** Walks the block read at `pos`; false when it is empty (the file was truncated under us: the next tick sees it). */
  add(bytes: Uint8Array): boolean {
    if (bytes.byteLength === 0) return false;
    const { onLine, limits } = this;
    const block = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const blockStart = this.pos;
    this.pos += block.byteLength;
    let from = 0;
    if (blockStart === 0 && block.subarray(0, 3).equals(BOM)) from = 3;

    if (this.#skipping) {
      const nl = block.indexOf(NEWLINE, from);
      if (nl === -1) {
        this.#consumed = this.pos;
        this.#takeFingerprint(block, blockStart);
        return true;
      }
      this.#skipping = false;
      from = nl + 1;
      this.#consumed = blockStart + from;
      this.#parent = undefined; // (the line before the next is the one skipped)
    }
    if (this.#pending > 0) {
      // A line started in an earlier block: finish it first.
      const nl = block.indexOf(NEWLINE, from);
      if (nl === -1) {
        this.#holdPartial(Buffer.from(block)); // (a copy: the buffer may be read into again)
        this.#takeFingerprint(block, blockStart);
        return true;
      }
      this.#pieces.push(block.subarray(0, nl));
      const line = Buffer.concat(this.#pieces);
      this.#pieces = [];
      this.#pending = 0;
      this.#linesScanned++;
      if (line.byteLength > limits.maxLineBytes) {
        this.#oversizedLines++;
        this.#parent = undefined;
      } else {
        const usageAt = line.indexOf(USAGE);
        if (usageAt !== -1)
          onLine({
            bytes: line,
            start: 0,
            end: line.byteLength,
            usageAt,
            previousStart: -1,
            parent: this.#parent,
            ascii: isAscii(line),
          });
        this.#parent = usageAt === -1 ? parentLine(line, 0, line.byteLength) : undefined;
      }
      from = nl + 1;
      this.#consumed = blockStart + from;
    }

    // Whole lines inside this block, walked newline to newline (which tallies them). "usage" is searched for from one
    // hit to the next only, so no byte is searched twice and a line's start is known without looking back.
    const lastNl = block.lastIndexOf(NEWLINE);
    if (lastNl >= from) {
      const ascii = isAscii(block);
      const parent = this.#parent;
      let lines = 0;
      let oversized = 0;
      let usageAt = block.indexOf(USAGE, from);
      /** Start of the line before, when it is in this block and holds no "usage" (the prompt a response answers). */
      let previousStart = -1;
      for (let lineStart = from; lineStart <= lastNl; ) {
        const lineEnd = block.indexOf(NEWLINE, lineStart);
        lines++;
        if (usageAt !== -1 && usageAt < lineEnd) {
          if (lineEnd - lineStart > limits.maxLineBytes) oversized++;
          else
            onLine({
              bytes: block,
              start: lineStart,
              end: lineEnd,
              usageAt,
              previousStart,
              parent: lineStart === from ? parent : undefined,
              ascii,
            });
          previousStart = -1;
          usageAt = block.indexOf(USAGE, lineEnd + 1);
        } else {
          previousStart = lineStart;
        }
        lineStart = lineEnd + 1;
      }
      this.#linesScanned += lines;
      this.#oversizedLines += oversized;
      // The block's last line, for the line after it (in the next block or the next read).
      this.#parent = previousStart >= 0 ? parentLine(block, previousStart, lastNl) : undefined;
      from = lastNl + 1;
      this.#consumed = blockStart + from;
    }
    // A copy of the rest: the buffer may be read into again.
    if (from < block.byteLength) this.#holdPartial(Buffer.from(block.subarray(from)));
    this.#takeFingerprint(block, blockStart);
    return true;
  }

  /** Fingerprints `#consumed` when it moved into this block (once a block), then keeps the block's end. */
  #takeFingerprint(block: Buffer, blockStart: number): void {
    const at = this.#consumed - blockStart;
    if (at > 0 && this.#consumed !== this.#fingerprintAt) {
      const from = Math.max(0, this.#consumed - FINGERPRINT_BYTES);
      const before = blockStart - from; // (bytes needed from earlier blocks)
      this.#fingerprintAt = this.#consumed;
      if (before <= 0) this.#fingerprint = fingerprintOf(block.subarray(at - (this.#consumed - from), at));
      else if (this.#carry.byteLength >= before)
        this.#fingerprint = fingerprintOf(
          Buffer.concat([this.#carry.subarray(this.#carry.byteLength - before), block.subarray(0, at)]),
        );
      else this.#fingerprint = NO_FINGERPRINT;
    }
    this.#carry =
      block.byteLength >= FINGERPRINT_BYTES
        ? Buffer.from(block.subarray(block.byteLength - FINGERPRINT_BYTES))
        : Buffer.concat([this.#carry, block]).subarray(-FINGERPRINT_BYTES);
  }

  /** The outcome once every block is walked; an unterminated tail counts only once it is a complete JSON object. */
  finish(onTail: TailSink): ReadOutcome {
    if (this.#pending > 0) {
      // Otherwise it is re-read next time.
      const tail = Buffer.concat(this.#pieces);
      if (mayBeComplete(tail) && onTail(tail.toString('utf8'))) {
        this.#linesScanned++;
        this.#consumed = this.pos;
        this.#parent = tail.includes(USAGE) ? undefined : parentLine(tail, 0, tail.byteLength);
        // (the carry holds the bytes just before pos: the end of the last block)
        const n = Math.min(this.pos, FINGERPRINT_BYTES);
        this.#fingerprintAt = this.pos;
        this.#fingerprint =
          this.#carry.byteLength >= n
            ? fingerprintOf(this.#carry.subarray(this.#carry.byteLength - n))
            : NO_FINGERPRINT;
      }
    }
    return {
      offset: this.#consumed,
      skippingLongLine: this.#skipping,
      bytesRead: this.pos - this.#offset,
      linesScanned: this.#linesScanned,
      oversizedLines: this.#oversizedLines,
      parent: this.#parent,
      fingerprint: this.#fingerprintAt === this.#consumed ? this.#fingerprint : NO_FINGERPRINT,
    };
  }
}
