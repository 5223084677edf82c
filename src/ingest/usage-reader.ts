// Reads one file's appended bytes into ParsedResponses: the part of ingest that needs no shared state, so it can run
// in any thread. Dedup and aggregation happen later, in file order, in the ledger.
import { dedupKeys, type DedupKeys } from '../ledger/dedup.ts';
import { parseAsciiLine, parseLine, type ParsedLine } from './parse-line.ts';
import {
  DEFAULT_LIMITS,
  readAppended,
  readAppendedSync,
  type LineSink,
  type ReadLimits,
  type ReadOutcome,
  type ReadStart,
  type TailSink,
} from './read-appended.ts';
import { RepeatFilter } from './repeat-filter.ts';
import { responseDelay } from './response-time.ts';
import type { AdvisorUsage } from './types.ts';
import type { TokenCounts } from '../ledger/types.ts';
import type { ParsedResponse } from '../ledger/types.ts';
import type { CandidateLine, ParentLine } from './types.ts';

/** One file's read: where to start and stop (`parent`: the previous read's, which times a response right after it). */
export interface ReadTask extends ReadStart {
  readonly path: string;
}

export interface FileReadResult {
  readonly offset: number;
  readonly skippingLongLine: boolean;
  readonly bytesRead: number;
  readonly linesScanned: number;
  readonly oversizedLines: number;
  readonly usageLines: number;
  /** Content-block repeats recognised without parsing (they count as duplicates). */
  readonly repeatLines: number;
  readonly malformedLines: number;
  readonly invalidLines: number;
  /** Of the invalid lines, those refused for their timestamp. */
  readonly badTimestampLines: number;
  /** The last line read, when it holds no usage: the next read's `parent`. */
  readonly parent: ParentLine | undefined;
  /** Of the bytes before `offset` (fingerprint.ts); NO_FINGERPRINT when the read did not see them all. */
  readonly fingerprint: number;
}

/** Reads `task` with `Bun.file`, calling `emit` for every usage line in file order. Rejects only when the file cannot be read. */
export async function readUsage(
  task: ReadTask,
  emit: (r: ParsedResponse) => void,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<FileReadResult> {
  const usage = collectUsage(emit);
  return usage.result(await readAppended(task.path, task, usage.onLine, usage.onTail, limits));
}

/**
 * `readUsage` with `readSync` into `buffer` (`blockBuffer()`, reused from file to file): for the parse workers. Throws
 * only when the file cannot be read.
 */
export function readUsageSync(
  task: ReadTask,
  emit: (r: ParsedResponse) => void,
  limits: ReadLimits = DEFAULT_LIMITS,
  buffer?: Buffer,
): FileReadResult {
  const usage = collectUsage(emit);
  return usage.result(readAppendedSync(task.path, task, usage.onLine, usage.onTail, limits, buffer));
}

/** Turns the candidate lines of one read into ParsedResponses, and counts what it saw. */
function collectUsage(emit: (r: ParsedResponse) => void): {
  onLine: LineSink;
  onTail: TailSink;
  result: (outcome: ReadOutcome) => FileReadResult;
} {
  const repeats = new RepeatFilter();
  let usageLines = 0;
  let repeatLines = 0;
  let malformedLines = 0;
  let invalidLines = 0;
  let badTimestampLines = 0;

  /** Returns false only for an unterminated tail that is not yet a whole JSON value. */
  const consume = (line: CandidateLine | undefined, tail: string | undefined, isTail: boolean): boolean => {
    if (line && repeats.isRepeat(line.bytes, line.start, line.end, line.usageAt)) {
      usageLines++;
      repeatLines++;
      return true;
    }
    // Parsed only now: a repeat is never parsed. ASCII lines are parsed from their bytes; others are decoded first.
    const parsed: ParsedLine = !line
      ? parseLine(tail ?? '')
      : line.ascii
        ? parseAsciiLine(line.bytes, line.start, line.end)
        : parseLine(line.bytes.toString('utf8', line.start, line.end));
    if (parsed.kind === 'no-usage') return true;
    if (parsed.kind === 'rejected') {
      if (parsed.reason === 'malformed' && isTail) return false;
      if (parsed.reason === 'malformed') malformedLines++;
      else invalidLines++;
      if (parsed.reason === 'bad-timestamp') badTimestampLines++;
      repeats.forget();
      return true;
    }
    const usage = parsed.line;
    usageLines++;
    if (line)
      repeats.remember(line.bytes, line.start, line.end, line.usageAt, parsed.line.messageId, parsed.line.requestId);
    else repeats.forget();
    const keys = dedupKeys(usage.messageId, usage.requestId);
    emit({
      timestamp: usage.timestamp,
      tokens: usage.tokens,
      model: usage.model,
      sessionId: usage.sessionId,
      cwd: usage.cwd,
      isSidechain: usage.isSidechain,
      isApiError: usage.isApiError,
      costUSD: usage.costUSD,
      keys,
      delayMs: usage.isApiError || !line ? undefined : responseDelay(line, usage.parentUuid, usage.timestamp),
      hasSpeed: usage.hasSpeed,
      limitResetAt: usage.limitResetAt,
    });
    // Each advisor iteration is a response of its own model, keyed `<message.id>:advisor:<n>` (n counts advisors).
    for (let i = 0; i < usage.advisors.length; i++) {
      const advisor = usage.advisors[i] as AdvisorUsage;
      emit({
        timestamp: usage.timestamp,
        tokens: advisor.tokens,
        model: advisor.model,
        sessionId: usage.sessionId,
        cwd: usage.cwd,
        isSidechain: usage.isSidechain,
        isApiError: false,
        costUSD: undefined,
        keys: keys && dedupKeys(`${usage.messageId}:advisor:${i}`, usage.requestId),
        delayMs: undefined,
        hasSpeed: false,
        limitResetAt: undefined,
      });
    }
    return true;
  };

  return {
    onLine: (candidate) => consume(candidate, undefined, false),
    onTail: (text) => consume(undefined, text, true),
    result: (outcome) => ({ ...outcome, usageLines, repeatLines, malformedLines, invalidLines, badTimestampLines }),
  };
}
