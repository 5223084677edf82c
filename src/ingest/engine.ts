// The ingest engine: each tick discovers log files, reads only what was appended since the last tick, and feeds the
// ledger in path order. Big backlogs (a cold start) are parsed by a pool of worker threads; the merge stays in order.
import { statSync } from 'node:fs';
import type { DataRoot } from './data-roots.ts';
import { LogDiscovery, type Discovery, type LogFile } from './discover.ts';
import { UsageLedger, type CostFn, type LedgerChanges, type LedgerState, type LineOrigin } from '../ledger/ledger.ts';
import { DEFAULT_LIMITS, type ReadLimits } from './read-appended.ts';
import { fingerprintAt, NO_FINGERPRINT } from './fingerprint.ts';
import { emptyCounters, type FileState, type IngestCounters } from './types.ts';
import { TickReads, type BulkReader, type PendingRead } from './tick-reads.ts';
import { readUsage, type FileReadResult } from './usage-reader.ts';
import type { ChangeSource } from './change-watch.ts';
import type { ParsedResponse } from '../ledger/types.ts';
import { sessionOfPath } from '../ledger/session-rollups.ts';
import type { ParentLine } from './types.ts';

export type { BulkRead, BulkReader, FileHandler } from './tick-reads.ts';

/** A tracked file's read state, as persisted. */
export interface FileRecord extends FileState {
  readonly fileId: number;
  readonly project: string;
  readonly session: string;
}

/** What changed in one or more ticks, for incremental persistence. */
export interface EngineChanges {
  readonly ledger: LedgerChanges;
  readonly files: readonly FileRecord[];
  readonly removedFiles: readonly string[];
  /** File paths by id, for ids `pathsFrom` and up. */
  readonly paths: readonly string[];
  readonly pathsFrom: number;
  readonly counters: IngestCounters;
  readonly responseTime: { readonly totalMs: number; readonly samples: number };
}

/** Everything needed to resume where a previous process stopped. */
export interface EngineState {
  readonly ledger: LedgerState;
  readonly files: readonly FileRecord[];
  readonly paths: readonly string[];
  readonly counters: IngestCounters;
  readonly responseTime: { readonly totalMs: number; readonly samples: number };
}

export interface IngestOptions {
  readonly roots: readonly DataRoot[];
  readonly costOf: CostFn;
  /** Track changes for `takeChanges` (a store persists them). */
  readonly persistent?: boolean;
  readonly limits?: ReadLimits;
  /** Wall clock, epoch ms (decides which files are hot). */
  readonly now?: () => number;
  /** Files unchanged this long are stat-ed only every `coldEvery` ticks (default 10 min, 10). */
  readonly hotWindowMs?: number;
  readonly coldEvery?: number;
  /** Used when a tick has at least `bulkThresholdBytes` to read. */
  readonly bulkReader?: BulkReader;
  readonly bulkThresholdBytes?: number;
  /**
   * What the OS reports as changed (change-watch.ts): a tick then stats only the files written to, and walks only when
   * something was created, removed or renamed, when the source cannot tell, and every `fullCheckEvery` ticks.
   */
  readonly changes?: ChangeSource;
  /** Default 30 (a minute at the default interval): the safety net for events dropped under load. */
  readonly fullCheckEvery?: number;
}

export interface TickReport {
  readonly filesTracked: number;
  /** Files stat-ed this tick (hot ones, and the cold ones whose turn it was). */
  readonly filesChecked: number;
  readonly filesRead: number;
  readonly bytesRead: number;
  /** Responses counted for the first time this tick. */
  readonly newResponses: number;
}

interface TrackedFile {
  readonly id: number;
  readonly log: LogFile;
  readonly state: FileState;
  unreadable: boolean;
  /** The file's last line read, when it holds no usage: a response appended next is timed from it (not persisted). */
  parent?: ParentLine;
}

/** A tick with at least this much to read goes to the bulk reader (when there is one), unless the options say otherwise. */
export const BULK_THRESHOLD_BYTES = 16 << 20;

/** While a first tick's walk feeds a bulk read, it lets the event loop run after this many files. */
const YIELD_EVERY_FILES = 256;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class IngestEngine {
  readonly counters: IngestCounters = emptyCounters();
  readonly ledger: UsageLedger;
  /** Sum and count of sampled response times, ms. */
  readonly responseTime = { totalMs: 0, samples: 0 };
  readonly #options: IngestOptions;
  readonly #limits: ReadLimits;
  readonly #files = new Map<string, TrackedFile>();
  readonly #paths: string[] = [];
  readonly #discovery: LogDiscovery;
  #listed: readonly LogFile[] | undefined;
  #listedTracked: readonly TrackedFile[] = [];
  readonly #dirtyFiles = new Set<string>();
  readonly #removedFiles = new Set<string>();
  #pathsPersisted = 0;
  #ticks = 0;

  constructor(options: IngestOptions) {
    this.#options = options;
    this.#limits = options.limits ?? DEFAULT_LIMITS;
    this.#discovery = new LogDiscovery(options.roots, {
      now: options.now,
      hotWindowMs: options.hotWindowMs,
      coldEvery: options.coldEvery,
    });
    const paths = this.#paths;
    this.ledger = new UsageLedger(
      options.costOf,
      (a, b) => {
        const pa = paths[a] ?? '';
        const pb = paths[b] ?? '';
        return pa < pb ? -1 : pa > pb ? 1 : 0;
      },
      options.persistent ?? false,
    );
  }

  /** Changes since the last call (call only on a persistent engine). */
  takeChanges(): EngineChanges {
    const files: FileRecord[] = [];
    for (const path of this.#dirtyFiles) {
      const tracked = this.#files.get(path);
      if (tracked)
        files.push({
          ...tracked.state,
          fileId: tracked.id,
          project: tracked.log.project,
          session: tracked.log.session,
        });
    }
    const changes = {
      ledger: this.ledger.takeChanges(),
      files,
      removedFiles: [...this.#removedFiles],
      paths: this.#paths.slice(this.#pathsPersisted),
      pathsFrom: this.#pathsPersisted,
      counters: { ...this.counters },
      responseTime: { ...this.responseTime },
    };
    this.#dirtyFiles.clear();
    this.#removedFiles.clear();
    this.#pathsPersisted = this.#paths.length;
    return changes;
  }

  /** Resumes from persisted state; call once, before the first tick. */
  restore(state: EngineState): void {
    this.#paths.push(...state.paths);
    this.#pathsPersisted = this.#paths.length;
    for (const f of state.files) {
      const { fileId, project, session, ...fileState } = f;
      this.#files.set(f.path, {
        id: fileId,
        log: { path: f.path, project, session },
        state: { ...fileState },
        unreadable: false,
      });
    }
    Object.assign(this.counters, state.counters);
    Object.assign(this.responseTime, state.responseTime);
    this.ledger.restore(state.ledger);
  }

  /** The path of a file id (ids are never reused). */
  pathOf(fileId: number): string | undefined {
    return this.#paths[fileId];
  }

  /** The ids of a session's files (its transcript and its subagents'), named by path as reports name them. */
  filesOfSession(session: string): Set<number> {
    const files = new Set<number>();
    this.#paths.forEach((path, id) => {
      if (sessionOfPath(path).session === session) files.add(id);
    });
    return files;
  }

  get filesTracked(): number {
    return this.#files.size;
  }

  /** One incremental pass over every root. Never throws for bad files; they are counted. */
  async tick(): Promise<TickReport> {
    const tick = this.#ticks++;
    const now = (this.#options.now ?? Date.now)();
    const hotWindowMs = this.#options.hotWindowMs ?? 10 * 60_000;
    const coldEvery = this.#options.coldEvery ?? 10;
    this.ledger.beginTick();
    const before = this.ledger.responses;
    const bytesBefore = this.counters.bytesRead;
    const reads = new TickReads<TrackedFile>(
      this.#options.bulkReader,
      this.#options.bulkThresholdBytes ?? BULK_THRESHOLD_BYTES,
      (p, result, responses) => this.#apply(p, result, responses),
    );
    let checked = 0;
    const check = (tracked: TrackedFile) => {
      // A file idle for a while is checked every coldEvery ticks only (spread by id); an append to it waits that long.
      // The first tick of a process checks every file: anything may have changed while it was not running.
      const cold = tick > 0 && tracked.state.dev !== -1 && now - tracked.state.mtimeMs > hotWindowMs;
      if (cold && (tick + tracked.id) % coldEvery !== 0) return;
      checked++;
      const read = this.#pendingRead(tracked);
      if (read) reads.add(read);
    };

    let discovery: Discovery;
    if (tick === 0) {
      // The first tick checks every file, so it checks each as the walk finds it: a cold start's backlog is being read
      // (by the bulk reader, in other threads) while the folders are still being listed.
      const walked: TrackedFile[] = [];
      const walk = this.#discovery.walk((log) => {
        const tracked = this.#track(log);
        walked.push(tracked);
        check(tracked);
      });
      let found = walk.run(YIELD_EVERY_FILES);
      for (; !found; found = walk.run(YIELD_EVERY_FILES)) {
        if (reads.bulk) await yieldToEventLoop(); // (so replies are merged and more files are sent meanwhile)
      }
      discovery = found;
      this.#adopt(discovery.files, walked);
    } else {
      const changes = this.#options.changes?.take();
      const full = tick % (this.#options.fullCheckEvery ?? 30) === 0;
      if (changes && !changes.structural && !full) {
        // Only the files written to; what is not tracked yet came with a structural change (the next walk's).
        for (const path of changes.files) {
          const tracked = this.#files.get(path);
          if (!tracked) continue;
          checked++;
          const read = this.#pendingRead(tracked);
          if (read) reads.add(read);
        }
        discovery = { files: [], skippedDirs: this.counters.skippedDirs };
      } else {
        if (full) this.#options.changes?.revive();
        discovery = this.#discovery.discover();
        for (const tracked of this.#trackedFor(discovery.files)) check(tracked);
      }
    }
    this.counters.skippedDirs = discovery.skippedDirs;
    await reads.finish((task) => {
      const responses: ParsedResponse[] = [];
      return readUsage(task, (r) => responses.push(r), this.#limits).then(
        (result) => ({ result, responses }),
        (e: unknown) => ({ result: e instanceof Error ? e : new Error(String(e)), responses }),
      );
    });
    return {
      filesTracked: this.#files.size,
      filesChecked: checked,
      filesRead: reads.pending.length,
      bytesRead: this.counters.bytesRead - bytesBefore,
      newResponses: this.ledger.responses - before,
    };
  }

  /** The tracked files for a discovered list; an unchanged list (the same array) costs nothing to map again. */
  #trackedFor(files: readonly LogFile[]): readonly TrackedFile[] {
    if (files === this.#listed) return this.#listedTracked;
    return this.#adopt(
      files,
      files.map((log) => this.#track(log)),
    );
  }

  /** Makes `files` (tracked as `tracked`, in the same order) the current list; files no longer listed are dropped. */
  #adopt(files: readonly LogFile[], tracked: readonly TrackedFile[]): readonly TrackedFile[] {
    const seen = new Set<string>();
    for (const t of tracked) seen.add(t.log.path);
    // Deleted transcripts (Claude Code's cleanup) leave their counted usage in place; only their read state goes.
    for (const path of this.#files.keys()) {
      if (seen.has(path)) continue;
      this.#files.delete(path);
      if (this.#options.persistent) this.#removedFiles.add(path);
    }
    this.#listed = files;
    this.#listedTracked = tracked;
    return tracked;
  }

  #track(log: LogFile): TrackedFile {
    let tracked = this.#files.get(log.path);
    if (!tracked) {
      const id = this.#paths.length;
      this.#paths.push(log.path);
      const state: FileState = {
        path: log.path,
        dev: -1,
        ino: -1,
        size: 0,
        mtimeMs: 0,
        offset: 0,
        skippingLongLine: false,
        fingerprint: NO_FINGERPRINT,
      };
      tracked = { id, log, state, unreadable: false };
      this.#files.set(log.path, tracked);
    }
    return tracked;
  }

  /** What to read of a file this tick, or undefined when it has not changed. */
  #pendingRead(tracked: TrackedFile): PendingRead<TrackedFile> | undefined {
    const state = tracked.state;
    let st;
    try {
      st = statSync(state.path);
    } catch {
      return undefined; // vanished between listing and stat: gone next tick
    }
    const changed = st.size !== state.size || st.mtimeMs !== state.mtimeMs;
    if (
      st.dev !== state.dev ||
      st.ino !== state.ino ||
      st.size < state.offset ||
      // Rewritten in place (same inode, maybe larger): the bytes before the offset are not the ones read.
      (changed && state.fingerprint !== NO_FINGERPRINT && fingerprintAt(state.path, state.offset) !== state.fingerprint)
    ) {
      // New, replaced, truncated or rewritten: read from the start; dedup keeps what was counted from counting twice.
      Object.assign(state, {
        dev: st.dev,
        ino: st.ino,
        size: 0,
        mtimeMs: 0,
        offset: 0,
        skippingLongLine: false,
        fingerprint: NO_FINGERPRINT,
      });
      tracked.parent = undefined;
    }
    if (st.size === state.size && st.mtimeMs === state.mtimeMs) return undefined;
    const task = {
      path: state.path,
      offset: state.offset,
      end: st.size,
      skippingLongLine: state.skippingLongLine,
      parent: tracked.parent,
    };
    return { tracked, task, size: st.size, mtimeMs: st.mtimeMs };
  }

  #apply(p: PendingRead<TrackedFile>, result: FileReadResult | Error, responses: readonly ParsedResponse[]): void {
    const { tracked } = p;
    if (result instanceof Error) {
      if (!tracked.unreadable) this.counters.unreadableFiles++;
      tracked.unreadable = true;
      return;
    }
    tracked.unreadable = false;
    const state = tracked.state;
    // A read that did not see the bytes before its end (it consumed fewer than the fingerprint covers) leaves the
    // fingerprint to one small read here.
    const fingerprint =
      result.offset === 0
        ? NO_FINGERPRINT
        : result.fingerprint !== NO_FINGERPRINT
          ? result.fingerprint
          : result.offset === p.task.offset
            ? state.fingerprint
            : fingerprintAt(state.path, result.offset);
    Object.assign(state, {
      size: p.size,
      mtimeMs: p.mtimeMs,
      offset: result.offset,
      skippingLongLine: result.skippingLongLine,
      fingerprint,
    });
    tracked.parent = result.parent;
    if (this.#options.persistent) this.#dirtyFiles.add(tracked.state.path);
    const c = this.counters;
    c.bytesRead += result.bytesRead;
    c.linesScanned += result.linesScanned;
    c.oversizedLines += result.oversizedLines;
    c.usageLines += result.usageLines;
    c.duplicateLines += result.repeatLines;
    c.malformedLines += result.malformedLines;
    c.invalidLines += result.invalidLines;
    c.badTimestampLines += result.badTimestampLines;
    const origin: LineOrigin = { fileId: tracked.id, project: tracked.log.project, session: tracked.log.session };
    for (const response of responses) {
      const accepted = this.ledger.accept(response, origin);
      if (accepted === 'duplicate') c.duplicateLines++;
      else if (accepted === 'new' && response.delayMs !== undefined) {
        this.responseTime.totalMs += response.delayMs;
        this.responseTime.samples++;
      }
    }
  }
}
