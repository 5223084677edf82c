// Usage summed by (15-minute bucket, model, project), plus all-time sums per model, per project and per session.
// Every view cco serves (totals, per model/project/day, time ranges, history) is a fold over these.
// Cells are grouped by bucket, so a time-range fold visits only the buckets in range.
import type { TokenCounts } from '../ingest/types.ts';
import { Tally } from './tally.ts';

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
}

export interface SessionTally {
  readonly tally: Tally;
  project: number;
  /** Epoch ms of the latest response. */
  lastActivity: number;
}

function bump<K>(map: Map<K, Tally>, key: K, c: Contribution, sign: 1 | -1): Tally {
  let tally = map.get(key);
  if (!tally) map.set(key, (tally = new Tally()));
  tally.apply(c.tokens, c.cost, c.failed, sign);
  return tally;
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

  /** Adds (sign 1) or removes (sign -1) one response everywhere it counts. */
  apply(c: Contribution, sign: 1 | -1): void {
    this.totals.apply(c.tokens, c.cost, c.failed, sign);
    bump(this.byModel, c.model, c, sign);
    bump(this.byProject, c.project, c, sign);
    const key = c.model * PROJECT_SPAN + c.project;
    bump(this.byModelProject, key, c, sign);
    const index = Math.floor(c.timestamp / BUCKET_MS);
    let bucket = this.#buckets.get(index);
    if (!bucket) this.#buckets.set(index, (bucket = new Map()));
    const before = bucket.size;
    const cell = bump(bucket, key, c, sign);
    if (cell.isEmpty) bucket.delete(key);
    this.#cells += bucket.size - before;
    if (bucket.size === 0) this.#buckets.delete(index);
    let session = this.#sessions.get(c.session);
    if (!session) this.#sessions.set(c.session, (session = { tally: new Tally(), project: c.project, lastActivity: 0 }));
    session.tally.apply(c.tokens, c.cost, c.failed, sign);
    if (sign > 0) session.lastActivity = Math.max(session.lastActivity, c.timestamp);
  }

  /** The model and project ids of a `byModelProject` key. */
  static pair(key: number): { readonly model: number; readonly project: number } {
    const project = key % PROJECT_SPAN;
    return { model: (key - project) / PROJECT_SPAN, project };
  }

  /** Calls fn for every non-empty cell whose bucket starts in [from, to). */
  forEachCell(fn: (cell: CellKey, tally: Tally) => void, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): void {
    for (const [index, bucket] of this.#buckets) {
      const start = index * BUCKET_MS;
      if (start < from || start >= to) continue;
      for (const [key, tally] of bucket) {
        const project = key % PROJECT_SPAN;
        fn({ start, model: (key - project) / PROJECT_SPAN, project }, tally);
      }
    }
  }

  get cellCount(): number {
    return this.#cells;
  }

  sessions(): IterableIterator<[number, SessionTally]> {
    return this.#sessions.entries();
  }
}
