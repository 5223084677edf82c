// Types shared by the ingest pipeline: what a usage line carries once parsed, and per-file read state.

import type { TokenCounts } from '../ledger/types.ts';

/** One assistant line that carries `message.usage`, validated. */
export interface UsageLine {
  /** Epoch ms. */
  readonly timestamp: number;
  /** `message.model`; undefined when absent. */
  readonly model: string | undefined;
  readonly tokens: TokenCounts;
  readonly messageId: string | undefined;
  readonly requestId: string | undefined;
  readonly sessionId: string | undefined;
  readonly cwd: string | undefined;
  readonly version: string | undefined;
  readonly isSidechain: boolean;
  /** An API error (`isApiErrorMessage`) or a `<synthetic>` model: a failed request, not usage. */
  readonly isApiError: boolean;
  /** Top-level `costUSD` (older Claude Code versions), USD. */
  readonly costUSD: number | undefined;
  readonly uuid: string | undefined;
  readonly parentUuid: string | undefined;
  /** `usage.speed` was given (any value): of two equal copies, ccusage keeps the one that has it. */
  readonly hasSpeed: boolean;
  /** Extra usage of other models inside this response (`usage.iterations[]` of type `advisor_message`), in order. */
  readonly advisors: readonly AdvisorUsage[];
  /** Epoch ms at which a plan limit resets, from an API error `Claude AI usage limit reached|<unix seconds>`. */
  readonly limitResetAt: number | undefined;
}

/** One advisor iteration: a call to another model billed with the response (ccusage counts it as its own entry). */
export interface AdvisorUsage {
  readonly model: string;
  readonly tokens: TokenCounts;
}

/** Why a line that mentions usage was not counted. */
export type RejectReason = 'malformed' | 'not-object' | 'invalid' | 'bad-timestamp';

/** Where a file has been read up to, and how to tell whether it changed. */
export interface FileState {
  readonly path: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  /** Byte offset just past the last line that was consumed (a complete line, or a complete JSON tail). */
  offset: number;
  /** True while a line longer than the limit is being skipped: resume by looking for its newline. */
  skippingLongLine: boolean;
  /** CRC-32 of the bytes just before `offset` (ingest/fingerprint.ts): tells a file rewritten in place; -1 unknown. */
  fingerprint: number;
}

/** Counters of what was skipped or rejected, for /api/health and metrics. Never reset. */
export interface IngestCounters {
  bytesRead: number;
  linesScanned: number;
  usageLines: number;
  malformedLines: number;
  invalidLines: number;
  /** Of the invalid lines, those refused for their timestamp (not ISO 8601 with a zone). */
  badTimestampLines: number;
  oversizedLines: number;
  duplicateLines: number;
  unreadableFiles: number;
  skippedDirs: number;
}

export const emptyCounters = (): IngestCounters => ({
  bytesRead: 0,
  linesScanned: 0,
  usageLines: 0,
  malformedLines: 0,
  invalidLines: 0,
  badTimestampLines: 0,
  oversizedLines: 0,
  duplicateLines: 0,
  unreadableFiles: 0,
  skippedDirs: 0,
});

/** A line without usage, as far as the response after it needs it (see response-time.ts). */
export interface ParentLine {
  readonly uuid: string;
  /** Epoch ms. */
  readonly timestamp: number;
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
