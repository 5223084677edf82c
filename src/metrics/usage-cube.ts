// Usage summed by (15-minute bucket, model, project), plus per-session sums and grand totals.
// Every view cco serves (totals, per model/project/day, time ranges, history) is a fold over these cells.
import type { TokenCounts } from '../ingest/types.ts';
import { Tally } from './tally.ts';

/** Cell width: 15 minutes, so any real time zone's day boundary falls on a cell edge. */
export const BUCKET_MS = 15 * 60_000;
const MODEL_SPAN = 2 ** 12;
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

export class UsageCube {
  readonly totals = new Tally();
  readonly #cells = new Map<number, Tally>();
  readonly #sessions = new Map<number, SessionTally>();

  static cellKey(start: number, model: number, project: number): number {
    return (Math.floor(start / BUCKET_MS) * MODEL_SPAN + Math.min(model, MODEL_SPAN - 1)) * PROJECT_SPAN + project;
  }

  static decode(key: number): CellKey {
    const project = key % PROJECT_SPAN;
    const rest = (key - project) / PROJECT_SPAN;
    const model = rest % MODEL_SPAN;
    return { start: ((rest - model) / MODEL_SPAN) * BUCKET_MS, model, project };
  }

  /** Adds (sign 1) or removes (sign -1) one response everywhere it counts. */
  apply(c: Contribution, sign: 1 | -1): void {
    this.totals.apply(c.tokens, c.cost, c.failed, sign);
    const key = UsageCube.cellKey(c.timestamp, c.model, c.project);
    let cell = this.#cells.get(key);
    if (!cell) this.#cells.set(key, (cell = new Tally()));
    cell.apply(c.tokens, c.cost, c.failed, sign);
    if (cell.isEmpty) this.#cells.delete(key);
    let session = this.#sessions.get(c.session);
    if (!session) this.#sessions.set(c.session, (session = { tally: new Tally(), project: c.project, lastActivity: 0 }));
    session.tally.apply(c.tokens, c.cost, c.failed, sign);
    if (sign > 0) session.lastActivity = Math.max(session.lastActivity, c.timestamp);
  }

  /** Every non-empty cell; the key is decoded with UsageCube.decode. */
  cells(): IterableIterator<[number, Tally]> {
    return this.#cells.entries();
  }

  get cellCount(): number {
    return this.#cells.size;
  }

  sessions(): IterableIterator<[number, SessionTally]> {
    return this.#sessions.entries();
  }
}
