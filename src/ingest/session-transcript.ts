// One session's figures straight from its transcript and its subagents' files, for a status line the daemon has not
// counted yet (or no daemon at all). Each file is read incrementally: a later call reads only the bytes appended
// since. Copies of a response (one per content block, streaming snapshots) count once: the copy with most tokens.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { CostFn } from '../pricing/index.ts';
import type { ParsedResponse } from '../ledger/types.ts';
import type { ParentLine } from './types.ts';
import { readUsage } from './usage-reader.ts';

/** A session's usage, its subagent files included. */
export interface SessionFigures {
  /** USD. */
  readonly cost: number;
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  readonly responses: number;
}

interface FileTail {
  offset: number;
  skippingLongLine: boolean;
  parent: ParentLine | undefined;
}

interface Counted {
  readonly tokens: number;
  readonly cost: number;
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
}

interface SessionTail {
  readonly files: Map<string, FileTail>;
  /** Dedup key → the copy counted; responses without a message id get a key of their own. */
  readonly counted: Map<string, Counted>;
  anonymous: number;
}

export interface SessionReaderOptions {
  /** Only transcripts under these `projects/` folders are read. */
  readonly projectsDirs: readonly string[];
  /** Prices one response (the daemon's current prices). */
  readonly costOf: () => CostFn;
  /** Sessions whose read state is kept (least recently used dropped first); default 32. */
  readonly maxSessions?: number;
}

const real = (path: string): string | undefined => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};

export class SessionTranscripts {
  readonly #options: SessionReaderOptions;
  readonly #tails = new Map<string, SessionTail>();

  constructor(options: SessionReaderOptions) {
    this.#options = options;
  }

  /** The transcript's real path when it is a `.jsonl` file under one of the `projects/` folders, else undefined. */
  allowed(transcriptPath: string): string | undefined {
    if (!transcriptPath.endsWith('.jsonl')) return undefined;
    const path = real(transcriptPath);
    if (!path) return undefined;
    const inside = this.#options.projectsDirs.some((dir) => {
      const root = real(dir);
      return root !== undefined && path.startsWith(root + sep);
    });
    return inside ? path : undefined;
  }

  /** The session's figures, reading only what was appended since the last call; undefined when not allowed. */
  async read(transcriptPath: string): Promise<SessionFigures | undefined> {
    const path = this.allowed(transcriptPath);
    if (!path) return undefined;
    let tail = this.#tails.get(path);
    if (tail) this.#tails.delete(path);
    tail ??= { files: new Map(), counted: new Map(), anonymous: 0 };
    this.#tails.set(path, tail);
    while (this.#tails.size > (this.#options.maxSessions ?? 32)) {
      const oldest = this.#tails.keys().next().value;
      if (oldest === undefined) break;
      this.#tails.delete(oldest);
    }
    const costOf = this.#options.costOf();
    for (const file of [path, ...subagentFiles(path)]) await this.#readFile(tail, file, costOf);
    return sum(tail);
  }

  async #readFile(tail: SessionTail, file: string, costOf: CostFn): Promise<void> {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return;
    }
    let state = tail.files.get(file);
    if (!state || state.offset > size) {
      state = { offset: 0, skippingLongLine: false, parent: undefined };
      tail.files.set(file, state);
    }
    if (state.offset === size) return;
    const emit = (r: ParsedResponse) => count(tail, r, costOf);
    try {
      const result = await readUsage(
        { path: file, offset: state.offset, end: size, skippingLongLine: state.skippingLongLine, parent: state.parent },
        emit,
      );
      state.offset = result.offset;
      state.skippingLongLine = result.skippingLongLine;
      state.parent = result.parent;
    } catch {
      // Unreadable now (removed, permissions): the figures so far stand.
    }
  }
}

/** `<dir>/<session>/subagents/*.jsonl` of a transcript `<dir>/<session>.jsonl`, sorted. */
function subagentFiles(transcript: string): string[] {
  const dir = join(dirname(transcript), basename(transcript, '.jsonl'), 'subagents');
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

function count(tail: SessionTail, r: ParsedResponse, costOf: CostFn): void {
  if (r.isApiError) return;
  const t = r.tokens;
  const cacheCreation = t.cacheCreation5m + t.cacheCreation1h;
  const counted: Counted = {
    tokens: t.input + t.output + cacheCreation + t.cacheRead,
    cost: costOf(r.model, t, r.costUSD, r.timestamp),
    input: t.input,
    output: t.output,
    cacheCreation,
    cacheRead: t.cacheRead,
  };
  const key = r.keys
    ? `${r.keys.message.hi}:${r.keys.message.lo}:${r.keys.hasRequest ? r.keys.request : '-'}`
    : `#${tail.anonymous++}`;
  const previous = tail.counted.get(key);
  if (!previous || counted.tokens > previous.tokens) tail.counted.set(key, counted);
}

function sum(tail: SessionTail): SessionFigures {
  let cost = 0;
  let input = 0;
  let output = 0;
  let cacheCreation = 0;
  let cacheRead = 0;
  for (const c of tail.counted.values()) {
    cost += c.cost;
    input += c.input;
    output += c.output;
    cacheCreation += c.cacheCreation;
    cacheRead += c.cacheRead;
  }
  return { cost, input, output, cacheCreation, cacheRead, responses: tail.counted.size };
}
