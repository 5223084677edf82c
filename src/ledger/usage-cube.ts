// Usage summed by (15-minute bucket, model, project), plus all-time sums per model, per project and per session.
// Every view cco serves (totals, per model/project/day, time ranges, history) is a fold over these.
// Cells are grouped by bucket, so a time-range fold visits only the buckets in range.
import { Tally } from './tally.ts';
import type { TokenCounts } from './types.ts';

/** Cell width: 15 minutes, so any real time zone's day boundary falls on a cell edge. */
export const BUCKET_MS = 15 * 60_000;
const PROJECT_SPAN = 2 ** 16;

export interface CellKey {
  /** Start of the 15-minute bucket, epoch ms. */
  readonly start: number;
  readonly model: number;
  readonly project: number;
}

export interface Contribution {
  readonly tokens: TokenCounts;
  readonly cost: number;
  readonly failed: boolean;
  /** Epoch ms. */
  readonly timestamp: number;
  readonly model: number;
  readonly project: number;
  readonly session: number;
  /** A sidechain copy (subagent file or agent-progress line). */
  readonly isSidechain?: boolean;
  /** The file the counted copy came from. */
  readonly fileId?: number;
}

export interface SessionTally {
  readonly tally: Tally;
  project: number;
  /** Epoch ms of the latest response. */
  lastActivity: number;
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
  let tally = map.get(key);
  if (!tally) map.set(key, (tally = new Tally()));
  return tally;
}

/** The tallies one (model, project, bucket) adds to: consecutive responses of a transcript mostly share them. */
interface Touched {
  readonly model: number;
  readonly project: number;
  readonly index: number;
  readonly byModel: Tally;
  readonly byProject: Tally;
  readonly pair: Tally;
  readonly bucket: Map<number, Tally>;
  readonly key: number;
  readonly cell: Tally;
}

export class UsageCube {
  readonly totals = new Tally();
  /** All-time sums, by model id and by project id. */
  readonly byModel = new Map<number, Tally>();
  readonly byProject = new Map<number, Tally>();
  /** All-time sums by (model × 2¹⁶ + project), decoded with `UsageCube.pair`; feeds the Prometheus counters. */
  readonly byModelProject = new Map<number, Tally>();
  /** bucket index → (model × 2¹⁶ + project) → sums. */
  readonly #buckets = new Map<number, Map<number, Tally>>();
  readonly #sessions = new Map<number, SessionTally>();
  #cells = 0;
  /** What the previous apply touched (cleared when a cell it holds is deleted). */
  #touched: Touched | undefined;
  /** The last touched, kept when its cell is deleted: its all-time tallies are never deleted. */
  #lastTouched: Touched | undefined;
  #lastSessionId = -1;
  #lastSession: SessionTally | undefined;

  /** Adds (sign 1) or removes (sign -1) one response everywhere it counts. */
  apply(c: Contribution, sign: 1 | -1): void {
    const { tokens, cost, failed } = c;
    this.totals.apply(tokens, cost, failed, sign);
    const index = Math.floor(c.timestamp / BUCKET_MS);
    let t = this.#touched;
    if (t?.model !== c.model || t.project !== c.project || t.index !== index)
      t = this.#touch(c.model, c.project, index);
    t.byModel.apply(tokens, cost, failed, sign);
    t.byProject.apply(tokens, cost, failed, sign);
    t.pair.apply(tokens, cost, failed, sign);
    t.cell.apply(tokens, cost, failed, sign);
    if (t.cell.isEmpty) this.#dropCell(t);
    let session = this.#lastSessionId === c.session ? this.#lastSession : this.#sessions.get(c.session);
    if (!session)
      this.#sessions.set(c.session, (session = { tally: new Tally(), project: c.project, lastActivity: 0 }));
    this.#lastSessionId = c.session;
    this.#lastSession = session;
    session.tally.apply(tokens, cost, failed, sign);
    if (sign > 0) session.lastActivity = Math.max(session.lastActivity, c.timestamp);
  }

  #touch(model: number, project: number, index: number): Touched {
    const key = model * PROJECT_SPAN + project;
    let bucket = this.#buckets.get(index);
    if (!bucket) this.#buckets.set(index, (bucket = new Map()));
    let cell = bucket.get(key);
    if (!cell) {
      bucket.set(key, (cell = new Tally()));
      this.#cells++;
    }
    // A new bucket for the same model and project (the common change): the all-time tallies stay the same.
    const last = this.#lastTouched;
    const same = last?.model === model && last.project === project;
    const touched = {
      model,
      project,
      index,
      bucket,
      key,
      cell,
      byModel: same ? last.byModel : tallyOf(this.byModel, model),
      byProject: same ? last.byProject : tallyOf(this.byProject, project),
      pair: same ? last.pair : tallyOf(this.byModelProject, key),
    };
    this.#touched = touched;
    this.#lastTouched = touched;
    return touched;
  }

  /** A cell emptied by a removal leaves the cube (and its bucket, when it was the last). */
  #dropCell(t: Touched): void {
    t.bucket.delete(t.key);
    this.#cells--;
    if (t.bucket.size === 0) this.#buckets.delete(t.index);
    this.#touched = undefined;
  }

  /** The model and project ids of a `byModelProject` key. */
  static pair(key: number): { readonly model: number; readonly project: number } {
    const project = key % PROJECT_SPAN;
    return { model: (key - project) / PROJECT_SPAN, project };
  }

  /** Calls fn for every non-empty cell whose bucket starts in [from, to). */
  forEachCell(
    fn: (cell: CellKey, tally: Tally) => void,
    from = Number.NEGATIVE_INFINITY,
    to = Number.POSITIVE_INFINITY,
  ): void {
    for (const [index, bucket] of this.#buckets) {
      const start = index * BUCKET_MS;
      if (start < from || start >= to) continue;
      for (const [key, tally] of bucket) {
        const project = key % PROJECT_SPAN;
        fn({ start, model: (key - project) / PROJECT_SPAN, project }, tally);
      }
    }
  }

  /** The sums of one cell (`key` = model × 2¹⁶ + project), or undefined when it is empty. */
  cell(index: number, key: number): Tally | undefined {
    return this.#buckets.get(index)?.get(key);
  }

  get cellCount(): number {
    return this.#cells;
  }

  sessions(): IterableIterator<[number, SessionTally]> {
    return this.#sessions.entries();
  }
}
