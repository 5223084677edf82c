// Finds every `*.jsonl` under each root's `projects/` (sessions and `<session>/subagents/*.jsonl`), in path order:
// folders are walked with their entries sorted (a folder's files sort as if its name ended in the separator), so files
// come out sorted as they are found and a caller can start reading the first ones while the walk goes on.
// Symlinks below projects/ are not followed (as ccusage follows none): a link to a file or folder of the tree would read
// it twice, or file its usage under the link's name, and a link out of it may reach /dev/zero or /etc. Each is skipped
// and counted, like unreadable or vanishing entries: never fatal. (A root or its projects/ may itself be a link.)
// A folder whose mtime has not changed is not listed again (adding or removing an entry changes it). A folder
// unchanged for `hotWindowMs` is not even stat-ed on every walk, only on every `coldEvery`-th (spread over walks),
// so an idle walk over thousands of sessions costs a few stats; new files in a long-idle session folder show up
// within `coldEvery` walks (projects/ and the project folders, where new sessions appear, are checked every walk). Every `fullRescanEvery` walks list everything anyway.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, sep } from 'node:path';
import type { DataRoot } from './data-roots.ts';

export interface LogFile {
  readonly path: string;
  /** The project folder name directly under `projects/`. */
  readonly project: string;
  /** The session the file belongs to: its own name, or the session folder a subagent file sits in. */
  readonly session: string;
}

export interface Discovery {
  readonly files: readonly LogFile[];
  /** Folders that could not be read (permissions, vanished, loops). */
  readonly skippedDirs: number;
}

/** A folder's entry: a log file, or the path of a subfolder. */
type Entry = LogFile | string;

interface Listing {
  /** Spreads the cold checks over walks. */
  readonly slot: number;
  readonly ino: number;
  readonly mtimeMs: number;
  /** In path order of everything beneath them (see `sortKey`). */
  readonly entries: readonly Entry[];
  readonly skipped: number;
}

/**
 * What a folder's entries sort by so that a walk yields files in the order of their full paths: a file by its name, a
 * subfolder by its name and the separator (every path beneath it continues that way). Code units, as `<` compares.
 */
const sortKey = (e: Entry, dirLength: number): string =>
  typeof e === 'string' ? e.slice(dirLength + 1) + sep : e.path.slice(dirLength + 1);

const isLog = (name: string): boolean => name.endsWith('.jsonl');

/** `path` is `projectsDir` (normalized, as data-roots gives it) + sep + the names walked down to the file. */
function describe(projectsDir: string, path: string): LogFile {
  const parts = path.slice(projectsDir.length + 1).split(sep);
  const project = parts.length > 1 ? (parts[0] ?? '') : '';
  const name = parts.at(-1) ?? '';
  const session =
    parts.length >= 4 && parts.at(-2) === 'subagents' ? (parts.at(-3) ?? name) : name.slice(0, -'.jsonl'.length);
  return { path, project, session };
}

function list(projectsDir: string, dir: string, ino: number, mtimeMs: number, slot: number): Listing {
  const dirents: Dirent[] = readdirSync(dir, { withFileTypes: true });
  const entries: Entry[] = [];
  let skipped = 0;
  for (const entry of dirents) {
    // (`dir` is normalized and a listed name is never `.`, `..` or empty: this is join(dir, name), without its work)
    const path = dir + sep + entry.name;
    if (entry.isDirectory()) entries.push(path);
    else if (entry.isFile()) {
      if (isLog(entry.name)) entries.push(describe(projectsDir, path));
    } else if (entry.isSymbolicLink()) skipped++;
  }
  const keyed = entries
    .map((e) => [sortKey(e, dir.length), e] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { slot, ino, mtimeMs, entries: keyed.map(([, e]) => e), skipped };
}

/** A walk under way (see `LogDiscovery.walk`). */
export interface DiscoveryWalk {
  run(maxFiles: number): Discovery | undefined;
}

interface WalkState {
  readonly full: boolean;
  readonly walk: number;
  readonly now: number;
  readonly files: LogFile[];
  readonly seenDirs: Set<string>;
  skippedDirs: number;
  changed: boolean;
}

export interface DiscoveryOptions {
  /** Wall clock, epoch ms. */
  readonly now?: () => number;
  readonly hotWindowMs?: number;
  readonly coldEvery?: number;
  readonly fullRescanEvery?: number;
}

export class LogDiscovery {
  readonly #listings = new Map<string, Listing>();
  #walks = 0;
  #slots = 0;
  #last: Discovery | undefined;
  readonly #now: () => number;
  readonly #hotWindowMs: number;
  readonly #coldEvery: number;
  readonly #fullRescanEvery: number;

  constructor(
    private readonly roots: readonly DataRoot[],
    options: DiscoveryOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#hotWindowMs = options.hotWindowMs ?? 10 * 60_000;
    this.#coldEvery = options.coldEvery ?? 10;
    this.#fullRescanEvery = options.fullRescanEvery ?? 300;
  }

  /** Walks the roots; with the same tree it returns the same list in the same (code-unit path) order. */
  discover(): Discovery {
    return this.walk(() => {}).run(Number.POSITIVE_INFINITY) as Discovery;
  }

  /**
   * A walk of the roots that hands each log file to `onFile` as it is found, in path order, and can pause: `run(n)`
   * goes on until n more files were found (undefined: paused) or the walk is over (what `discover` returns). Files
   * of an unchanged tree are handed over too (from the folders' kept listings).
   */
  walk(onFile: (file: LogFile) => void): DiscoveryWalk {
    const walk = this.#walks++;
    const full = walk % this.#fullRescanEvery === 0;
    const state: WalkState = {
      full,
      walk,
      now: this.#now(),
      files: [],
      seenDirs: new Set(),
      skippedDirs: 0,
      changed: full || this.#last === undefined,
    };
    // Roots in the order of their paths too (data-roots removes duplicates; nested roots are not supported).
    const roots = [...this.roots].sort((a, b) => (a.projectsDir + sep < b.projectsDir + sep ? -1 : 1));
    let rootIndex = 0;
    let visited = new Set<string>();
    /** Depth first, one frame per open folder. */
    const stack: { readonly entries: readonly Entry[]; next: number }[] = [];
    const enter = (root: DataRoot, dir: string) => {
      const listing = this.#listing(root, dir, visited, state);
      if (listing) stack.push({ entries: listing.entries, next: 0 });
    };
    let result: Discovery | undefined;
    const run = (maxFiles: number): Discovery | undefined => {
      let found = 0;
      while (result === undefined) {
        const frame = stack[stack.length - 1];
        if (frame === undefined) {
          const root = roots[rootIndex++];
          if (root === undefined) result = this.#finish(state);
          else {
            visited = new Set();
            enter(root, root.projectsDir);
          }
          continue;
        }
        const entry = frame.entries[frame.next++];
        if (entry === undefined) stack.pop();
        else if (typeof entry === 'string') enter(roots[rootIndex - 1] as DataRoot, entry);
        else {
          state.files.push(entry);
          onFile(entry);
          if (++found >= maxFiles) return undefined;
        }
      }
      return result;
    };
    return { run };
  }

  /** Forgets folders the walk did not see; the same list as last time when nothing changed. */
  #finish(state: WalkState): Discovery {
    for (const dir of this.#listings.keys()) {
      if (!state.seenDirs.has(dir)) {
        this.#listings.delete(dir);
        state.changed = true;
      }
    }
    if (!state.changed && this.#last) return { files: this.#last.files, skippedDirs: state.skippedDirs };
    this.#last = { files: state.files, skippedDirs: state.skippedDirs };
    return this.#last;
  }

  /** The folder's listing: kept while the folder is unchanged (or cold and not its turn), else read again. */
  #listing(root: DataRoot, dir: string, visited: Set<string>, state: WalkState): Listing | undefined {
    const listing = this.#readListing(root, dir, visited, state);
    if (listing) {
      state.seenDirs.add(dir);
      state.skippedDirs += listing.skipped;
    }
    return listing;
  }

  #readListing(root: DataRoot, dir: string, visited: Set<string>, state: WalkState): Listing | undefined {
    const known = this.#listings.get(dir);
    // projects/ and each project folder are always checked: new sessions land there, and they are few.
    const shallow = dir === root.projectsDir || dirname(dir) === root.projectsDir;
    if (
      !state.full &&
      !shallow &&
      known &&
      state.now - known.mtimeMs > this.#hotWindowMs &&
      (state.walk + known.slot) % this.#coldEvery !== 0
    ) {
      return known; // cold and not its turn: trusted without a stat
    }
    try {
      const st = statSync(dir);
      const id = `${st.dev}:${st.ino}`;
      if (visited.has(id)) {
        state.skippedDirs++;
        return undefined;
      }
      visited.add(id);
      if (!state.full && known && known.ino === st.ino && known.mtimeMs === st.mtimeMs) return known;
      const listing = list(root.projectsDir, dir, st.ino, st.mtimeMs, known?.slot ?? this.#slots++);
      this.#listings.set(dir, listing);
      state.changed = true;
      return listing;
    } catch {
      if (dir !== root.projectsDir || root.exists) state.skippedDirs++;
      if (this.#listings.delete(dir)) state.changed = true;
      return undefined;
    }
  }
}

/** Whether any root holds at least one transcript (the walk stops at the first). */
export function hasLogs(roots: readonly DataRoot[]): boolean {
  let found = false;
  new LogDiscovery(roots)
    .walk(() => {
      found = true;
    })
    .run(1);
  return found;
}
