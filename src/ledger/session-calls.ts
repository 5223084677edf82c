// One session's calls, as `cco session --id` lists them: the surviving copy of every response logged in the session's
// files, in time order. Read from the response store on request (a scan of its file ids), never kept per session.

/** One counted response of a session (plain data: it is posted from the ingest worker). */
export interface SessionCall {
  /** Epoch ms. */
  readonly timestamp: number;
  /** `message.model` as logged (empty when the line named none; a fast-mode call without the `-fast` suffix). */
  readonly model: string;
  /** Priced as fast mode (`usage.speed: "fast"`). */
  readonly fastMode: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** 5-minute and 1-hour cache writes together. */
  readonly cacheCreationTokens: number;
  readonly cacheReadTokens: number;
  /** USD, as the ledger prices it (the same cost the reports sum). */
  readonly cost: number;
  /** A subagent's (sidechain) response. */
  readonly isSidechain: boolean;
  /** An API error line. */
  readonly failed: boolean;
}

/** What the scan reads of one stored survivor. */
export interface CallSource {
  readonly size: number;
  fileId(index: number): number;
  call(index: number): SessionCall;
}

/** The calls logged in `files`, oldest first (ties in the order they were counted). */
export function sessionCalls(source: CallSource, files: ReadonlySet<number>): SessionCall[] {
  const calls: SessionCall[] = [];
  if (files.size === 0) return calls;
  for (let index = 0; index < source.size; index++) {
    if (files.has(source.fileId(index))) calls.push(source.call(index));
  }
  return calls.sort((a, b) => a.timestamp - b.timestamp);
}
