// Sessions as ccusage counts them: the files of one project folder that share a session name (the transcript and
// its subagents' files), merged from the book's per-file rollups. Kept merged as files change (only the sessions of
// changed files are merged again), so a session report filters and sorts sessions instead of merging every file.
import { addSums, newSums, sumsOf } from './report-rows.ts';

/** One log file as reports read it (a session is its files): sums per model and of subagent (sidechain) usage. */
export interface BookFile {
  readonly file: number;
  /** The session the file belongs to and its project folder, from the file's path. */
  readonly session: string;
  readonly projectName: string;
  /** Ledger project id (for the working directory). */
  readonly project: number;
  /** Epoch ms. */
  readonly first: number;
  readonly last: number;
  /** model id → sums (SUM_FIELDS), in order of first use. */
  readonly models: ReadonlyMap<number, Float64Array>;
  readonly subagent: Float64Array;
}

export interface MergedSession {
  /** Project folder and session name: what makes a session one. */
  readonly key: string;
  readonly session: string;
  readonly projectName: string;
  /** Ledger project id of the first file seen (for the working directory). */
  readonly project: number;
  readonly first: number;
  readonly last: number;
  readonly models: ReadonlyMap<number, Float64Array>;
  readonly subagent: Float64Array;
  /** Order of first appearance: ties in a report's sort keep it, as a from-scratch merge would. */
  readonly seq: number;
}

const sessionKey = (f: BookFile): string => `${f.projectName}\0${f.session}`;

export class SessionFiles {
  /** Session key → merged session, in order of first appearance. */
  readonly #sessions = new Map<string, MergedSession>();
  /** Session key → its files, in order of first appearance. */
  readonly #files = new Map<string, BookFile[]>();
  readonly #changed = new Set<string>();
  #seq = 0;
  /** Bumped whenever a session is merged again or added. */
  version = 0;

  get sessions(): ReadonlyMap<string, MergedSession> {
    return this.#sessions;
  }

  clear(): void {
    this.#sessions.clear();
    this.#files.clear();
    this.#changed.clear();
    this.version++;
  }

  /** A file's new rollup; its session is merged again by `merge`. */
  set(file: BookFile): void {
    const key = sessionKey(file);
    let files = this.#files.get(key);
    if (!files) this.#files.set(key, (files = []));
    const at = files.findIndex((f) => f.file === file.file);
    if (at < 0) files.push(file);
    else files[at] = file;
    this.#changed.add(key);
  }

  /** Merges every session a `set` touched since the last merge. */
  merge(): void {
    if (this.#changed.size === 0) return;
    for (const key of this.#changed) {
      const files = this.#files.get(key) ?? [];
      const seq = this.#sessions.get(key)?.seq ?? this.#seq++;
      this.#sessions.set(key, mergeFiles(key, files, seq));
    }
    this.#changed.clear();
    this.version++;
  }
}

function mergeFiles(key: string, files: readonly BookFile[], seq: number): MergedSession {
  const head = files[0] as BookFile;
  let first = head.first;
  let last = head.last;
  const models = new Map<number, Float64Array>();
  const subagent = newSums();
  for (const f of files) {
    first = Math.min(first, f.first);
    last = Math.max(last, f.last);
    for (const [model, sums] of f.models) addSums(sumsOf(models, model), sums);
    addSums(subagent, f.subagent);
  }
  const { session, projectName, project } = head;
  return { key, session, projectName, project, first, last, models, subagent, seq };
}
