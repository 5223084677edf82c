// The HTTP side's copy of what reports are built from: usage per (15-minute bucket × model × project) and per-session
// rollups, with the names they refer to; kept in step with each tick's ReportUpdate (ingest happens in a worker).
// Both are kept indexed for reports (cells folded into UTC hours and days, files merged into sessions), refolded
// only where an update changed something.
import { BucketIndex } from './bucket-index.ts';
import { SessionFiles, type BookFile } from './session-files.ts';
import { CELL_STRIDE, SUM_FIELDS, type ReportUpdate, type SessionRollupWire } from '../ledger/report-wire.ts';

export type { BookFile } from './session-files.ts';

/** Updates whose lowest changed bucket is remembered, for `changedSince`. */
const CHANGES_KEPT = 64;

export class ReportBook {
  /** Cells by bucket index, and folded into larger UTC blocks. */
  readonly cells = new BucketIndex();
  /** file id → its rollup. */
  readonly files = new Map<number, BookFile>();
  /** The files merged per session. */
  readonly sessions = new SessionFiles();
  readonly models: string[] = [];
  readonly projects: string[] = [];
  readonly sessionNames: string[] = [];
  readonly projectPaths = new Map<number, string>();
  /** Bumped when a project's working directory changes (rows that show it are built again). */
  pathsVersion = 0;
  /** Bumped by every update: a report built at one version is current while it holds. */
  version = 0;
  /** The lowest bucket index each of the last updates changed (−∞: a reset), oldest first. */
  readonly #changes: { readonly version: number; readonly from: number }[] = [];
  #markReady!: () => void;
  /** Resolves once the first update has landed (a store restored at start serves stats before that). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#markReady = resolve));
  #ready = false;

  /** bucket index → (model × 2¹⁶ + project) → sums. */
  get buckets(): ReadonlyMap<number, ReadonlyMap<number, Float64Array>> {
    return this.cells.buckets;
  }

  get isReady(): boolean {
    return this.#ready;
  }

  apply(update: ReportUpdate | undefined): void {
    if (!update) return;
    this.version++;
    if (update.reset) {
      this.cells.clear();
      this.files.clear();
      this.sessions.clear();
      this.models.length = this.projects.length = this.sessionNames.length = 0;
    }
    const { names, namesFrom } = update;
    names.models.forEach((n, i) => (this.models[namesFrom.models + i] = n));
    names.projects.forEach((n, i) => (this.projects[namesFrom.projects + i] = n));
    names.sessions.forEach((n, i) => (this.sessionNames[namesFrom.sessions + i] = n));
    for (const [project, path] of update.projectPaths) {
      if (this.projectPaths.get(project) === path) continue;
      this.projectPaths.set(project, path);
      this.pathsVersion++;
    }
    const cells = update.cells;
    let from = update.reset ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (let o = 0; o < cells.length; o += CELL_STRIDE) {
      from = Math.min(from, cells[o] ?? 0);
      this.#setCell(cells, o);
    }
    this.#changes.push({ version: this.version, from });
    if (this.#changes.length > CHANGES_KEPT) this.#changes.shift();
    this.cells.refold();
    for (const s of update.sessions) {
      const file = toBookFile(s);
      this.files.set(s.file, file);
      this.sessions.set(file);
    }
    this.sessions.merge();
    if (!this.#ready) {
      this.#ready = true;
      this.#markReady();
    }
  }

  /** The lowest bucket index changed by the updates after `version` (−∞ when not known: a reset or too long ago). */
  changedSince(version: number): number {
    if (version === this.version) return Number.POSITIVE_INFINITY;
    const oldest = this.#changes[0];
    if (!oldest || oldest.version > version + 1) return Number.NEGATIVE_INFINITY;
    let from = Number.POSITIVE_INFINITY;
    for (const c of this.#changes) if (c.version > version) from = Math.min(from, c.from);
    return from;
  }

  #setCell(cells: Float64Array, o: number): void {
    const index = cells[o] ?? 0;
    const key = (cells[o + 1] ?? 0) * 2 ** 16 + (cells[o + 2] ?? 0);
    const sums = cells.slice(o + 3, o + 3 + SUM_FIELDS);
    this.cells.set(index, key, sums.every((v) => v === 0) ? undefined : sums);
  }
}

function toBookFile(s: SessionRollupWire): BookFile {
  return {
    file: s.file,
    session: s.session,
    projectName: s.projectName,
    project: s.project,
    first: s.first,
    last: s.last,
    models: new Map(s.models.map(([model, ...sums]) => [model ?? 0, Float64Array.from(sums)])),
    subagent: Float64Array.from(s.subagent),
  };
}
