// The ingest engine: each tick discovers log files, reads only what was appended since the last tick, and feeds the ledger.
import { statSync } from 'node:fs';
import type { DataRoot } from './data-roots.ts';
import { discoverLogs, type LogFile } from './discover.ts';
import { UsageLedger, type CostFn, type LineOrigin } from './ledger.ts';
import { parseLine } from './parse-line.ts';
import { DEFAULT_LIMITS, readAppended, type CandidateLine, type ReadLimits } from './read-appended.ts';
import { responseDelay } from './response-time.ts';
import { emptyCounters, type FileState, type IngestCounters } from './types.ts';

export interface IngestOptions {
  readonly roots: readonly DataRoot[];
  readonly costOf: CostFn;
  readonly limits?: ReadLimits;
}

export interface TickReport {
  readonly filesTracked: number;
  readonly filesRead: number;
  readonly bytesRead: number;
  /** Responses counted for the first time this tick. */
  readonly newResponses: number;
}

interface TrackedFile {
  readonly id: number;
  readonly log: LogFile;
  state: FileState;
  unreadable: boolean;
}

export class IngestEngine {
  readonly counters: IngestCounters = emptyCounters();
  readonly ledger: UsageLedger;
  /** Sum and count of sampled response times, ms. */
  readonly responseTime = { totalMs: 0, samples: 0 };
  readonly #roots: readonly DataRoot[];
  readonly #limits: ReadLimits;
  readonly #files = new Map<string, TrackedFile>();
  readonly #paths: string[] = [];

  constructor(options: IngestOptions) {
    this.#roots = options.roots;
    this.#limits = options.limits ?? DEFAULT_LIMITS;
    const paths = this.#paths;
    this.ledger = new UsageLedger(options.costOf, (a, b) => {
      const pa = paths[a] ?? '';
      const pb = paths[b] ?? '';
      return pa < pb ? -1 : pa > pb ? 1 : 0;
    });
  }

  get filesTracked(): number {
    return this.#files.size;
  }

  /** One incremental pass over every root. Never throws for bad files; they are counted. */
  async tick(): Promise<TickReport> {
    const discovery = discoverLogs(this.#roots);
    this.counters.skippedDirs = discovery.skippedDirs;
    const seen = new Set<string>();
    let filesRead = 0;
    let bytesRead = 0;
    const before = this.ledger.responses;
    for (const log of discovery.files) {
      seen.add(log.path);
      const tracked = this.#track(log);
      const read = await this.#readIfChanged(tracked);
      if (read > 0) filesRead++;
      bytesRead += read;
    }
    // Deleted transcripts (Claude Code's cleanup) leave their counted usage in place; only their read state goes.
    for (const path of this.#files.keys()) if (!seen.has(path)) this.#files.delete(path);
    this.counters.bytesRead += bytesRead;
    return { filesTracked: this.#files.size, filesRead, bytesRead, newResponses: this.ledger.responses - before };
  }

  #track(log: LogFile): TrackedFile {
    let tracked = this.#files.get(log.path);
    if (!tracked) {
      const id = this.#paths.length;
      this.#paths.push(log.path);
      const state: FileState = { path: log.path, dev: -1, ino: -1, size: 0, mtimeMs: 0, offset: 0, skippingLongLine: false };
      tracked = { id, log, state, unreadable: false };
      this.#files.set(log.path, tracked);
    }
    return tracked;
  }

  /** Reads the appended bytes of one file; returns the bytes read. */
  async #readIfChanged(tracked: TrackedFile): Promise<number> {
    const state = tracked.state;
    let st;
    try {
      st = statSync(state.path);
    } catch {
      return 0; // vanished between listing and stat: gone next tick
    }
    if (st.dev !== state.dev || st.ino !== state.ino || st.size < state.offset) {
      // New, replaced or truncated: read from the start; dedup keeps what was counted from counting twice.
      Object.assign(state, { dev: st.dev, ino: st.ino, size: 0, mtimeMs: 0, offset: 0, skippingLongLine: false });
    }
    if (st.size === state.size && st.mtimeMs === state.mtimeMs) return 0;
    const origin = { fileId: tracked.id, project: tracked.log.project, session: tracked.log.session };
    const onLine = (candidate: CandidateLine) => this.#consume(candidate.text, candidate.previous, origin, false);
    // An unterminated tail that does not parse is still being written: leave it for the next tick.
    const onTail = (text: string) => this.#consume(text, undefined, origin, true);
    try {
      const outcome = await readAppended(state.path, { offset: state.offset, end: st.size, skippingLongLine: state.skippingLongLine }, onLine, onTail, this.#limits);
      Object.assign(state, { size: st.size, mtimeMs: st.mtimeMs, offset: outcome.offset, skippingLongLine: outcome.skippingLongLine });
      this.counters.linesScanned += outcome.linesScanned;
      this.counters.oversizedLines += outcome.oversizedLines;
      tracked.unreadable = false;
      return outcome.bytesRead;
    } catch {
      if (!tracked.unreadable) this.counters.unreadableFiles++;
      tracked.unreadable = true;
      return 0;
    }
  }

  /** Counts one line; returns false only for an unterminated tail that is not yet a whole JSON value. */
  #consume(text: string, previous: Buffer | undefined, origin: LineOrigin, isTail: boolean): boolean {
    const parsed = parseLine(text);
    if (parsed.kind === 'no-usage') return true;
    if (parsed.kind === 'rejected') {
      if (parsed.reason === 'malformed') {
        if (isTail) return false;
        this.counters.malformedLines++;
      } else this.counters.invalidLines++;
      return true;
    }
    this.counters.usageLines++;
    const line = parsed.line;
    const accepted = this.ledger.accept(line, origin);
    if (accepted === 'duplicate') this.counters.duplicateLines++;
    if (accepted === 'new' && !line.isApiError) {
      const delay = responseDelay(previous, line.parentUuid, line.timestamp);
      if (delay !== undefined) {
        this.responseTime.totalMs += delay;
        this.responseTime.samples++;
      }
    }
    return true;
  }
}
