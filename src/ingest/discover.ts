// Finds every `*.jsonl` under each root's `projects/` (sessions and `<session>/subagents/*.jsonl`), sorted by path.
// Symlinks are followed only when they resolve inside the root's projects/ (loops are cut by device+inode); links out of
// it (to /dev/zero, /etc, another disk) are skipped and counted, like unreadable or vanishing entries: never fatal.
// A folder whose mtime has not changed is not listed again (adding or removing an entry changes it). A folder
// unchanged for `hotWindowMs` is not even stat-ed on every walk, only on every `coldEvery`-th (spread over walks),
// so an idle walk over thousands of sessions costs a few stats; new files in a long-idle session folder show up
// within `coldEvery` walks (projects/ and the project folders, where new sessions appear, are checked every walk). Every `fullRescanEvery` walks list everything anyway.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
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

interface Listing {
  /** Spreads the cold checks over walks. */
  readonly slot: number;
  readonly ino: number;
  readonly mtimeMs: number;
  readonly dirs: readonly string[];
  readonly files: readonly LogFile[];
  readonly skipped: number;
}

const isLog = (name: string): boolean => name.endsWith('.jsonl');

/** `path` is `projectsDir` (normalized, as data-roots gives it) + sep + the names walked down to the file. */
function describe(projectsDir: string, path: string): LogFile {
  const parts = path.slice(projectsDir.length + 1).split(sep);
  const project = parts.length > 1 ? (parts[0] ?? '') : '';
  const name = parts.at(-1) ?? '';
  const session = parts.length >= 4 && parts.at(-2) === 'subagents' ? (parts.at(-3) ?? name) : name.slice(0, -'.jsonl'.length);
  return { path, project, session };
}

/** True when `path` (a symlink) resolves inside `root` (a real path): links out of the data root are not followed. */
function staysInside(path: string, root: string): boolean {
  try {
    const target = realpathSync(path);
    return target === root || target.startsWith(root + sep);
  } catch {
    return false;
  }
}

function list(projectsDir: string, realRoot: string, dir: string, ino: number, mtimeMs: number, slot: number): Listing {
  const entries: Dirent[] = readdirSync(dir, { withFileTypes: true });
  const dirs: string[] = [];
  const files: LogFile[] = [];
  let skipped = 0;
  for (const entry of entries) {
    // (`dir` is normalized and a listed name is never `.`, `..` or empty: this is join(dir, name), without its work)
    const path = dir + sep + entry.name;
    if (entry.isDirectory()) dirs.push(path);
    else if (entry.isFile()) {
      if (isLog(entry.name)) files.push(describe(projectsDir, path));
    } else if (entry.isSymbolicLink()) {
      if (!staysInside(path, realRoot)) {
        skipped++;
        continue;
      }
      try {
        const target = statSync(path);
        if (target.isDirectory()) dirs.push(path);
        else if (target.isFile() && isLog(entry.name)) files.push(describe(projectsDir, path));
      } catch {
        skipped++;
      }
    }
  }
  return { slot, ino, mtimeMs, dirs, files, skipped };
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

  readonly #realRoots = new Map<string, string>();

  #realRoot(projectsDir: string): string {
    let real = this.#realRoots.get(projectsDir);
    if (real === undefined) {
      try {
        real = realpathSync(projectsDir);
      } catch {
        real = projectsDir;
      }
      this.#realRoots.set(projectsDir, real);
    }
    return real;
  }

  /** Walks the roots; with the same tree it returns the same list in the same (code-unit path) order. */
  discover(): Discovery {
    const walk = this.#walks++;
    const full = walk % this.#fullRescanEvery === 0;
    const now = this.#now();
    const files: LogFile[] = [];
    const seenDirs = new Set<string>();
    let skippedDirs = 0;
    let changed = full || this.#last === undefined;
    for (const root of this.roots) {
      const visited = new Set<string>();
      const stack = [root.projectsDir];
      while (stack.length > 0) {
        const dir = stack.pop() as string;
        let listing: Listing;
        const known = this.#listings.get(dir);
        // projects/ and each project folder are always checked: new sessions land there, and they are few.
        const shallow = dir === root.projectsDir || dirname(dir) === root.projectsDir;
        if (!full && !shallow && known && now - known.mtimeMs > this.#hotWindowMs && (walk + known.slot) % this.#coldEvery !== 0) {
          // Cold and not its turn: trust the listing without a stat.
          seenDirs.add(dir);
          skippedDirs += known.skipped;
          stack.push(...known.dirs);
          for (const f of known.files) files.push(f);
          continue;
        }
        try {
          const st = statSync(dir);
          const id = `${st.dev}:${st.ino}`;
          if (visited.has(id)) {
            skippedDirs++;
            continue;
          }
          visited.add(id);
          const cached = known;
          if (!full && cached && cached.ino === st.ino && cached.mtimeMs === st.mtimeMs) listing = cached;
          else {
            listing = list(root.projectsDir, this.#realRoot(root.projectsDir), dir, st.ino, st.mtimeMs, cached?.slot ?? this.#slots++);
            this.#listings.set(dir, listing);
            changed = true;
          }
        } catch {
          if (dir !== root.projectsDir || root.exists) skippedDirs++;
          if (this.#listings.delete(dir)) changed = true;
          continue;
        }
        seenDirs.add(dir);
        skippedDirs += listing.skipped;
        stack.push(...listing.dirs);
        for (const f of listing.files) files.push(f);
      }
    }
    for (const dir of this.#listings.keys()) {
      if (!seenDirs.has(dir)) {
        this.#listings.delete(dir);
        changed = true;
      }
    }
    if (!changed && this.#last) return { files: this.#last.files, skippedDirs };
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.#last = { files, skippedDirs };
    return this.#last;
  }
}
