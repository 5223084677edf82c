// The book's cells folded per local day of one zone, kept between reports: a day is folded once from the bucket
// index's blocks (with its total, per model and per project), and an update drops only the days from its lowest
// changed bucket on (a tick changes recent ones). Runs of 16 days are folded too, for reports that only need the
// range's cells (projects). A report over a year then adds a few figures per day instead of refolding its buckets.
import type { Cells } from './bucket-index.ts';
import type { ReportBook } from './report-book.ts';
import { BUCKET_MS } from './report-range.ts';
import { addSums, newSums, sumsOf } from './report-rows.ts';
import type { ZoneCalendar } from './zone-calendar.ts';

const PROJECT_SPAN = 2 ** 16;
/** Days per folded run (runs start on day numbers divisible by it). */
const RUN = 16;

/** One local day folded: (model × 2¹⁶ + project) → sums, and the same summed per model and per project. */
export interface DayFold {
  readonly cells: Cells;
  readonly total: Float64Array;
  readonly models: Map<number, Float64Array>;
  readonly projects: Map<number, Float64Array>;
  /** Rows built from this day, by what they depend on (see period-report.ts). */
  readonly rows: Map<string, unknown>;
}

export class LocalDays {
  /** Local day → its fold; days without usage are kept too. */
  readonly #days = new Map<number, DayFold>();
  /** Run index → the cells of its days. */
  readonly #runs = new Map<number, Cells>();
  #version = -1;

  constructor(
    private readonly book: ReportBook,
    readonly calendar: ZoneCalendar,
  ) {}

  /** Calls fn with the fold of every local day in [since, until] (either end open when undefined) with usage. */
  forEachDay(since: number | undefined, until: number | undefined, fn: (day: number, fold: DayFold) => void): void {
    const range = this.#range(since, until);
    if (!range) return;
    for (let day = range[0]; day <= range[1]; day++) {
      const fold = this.#day(day);
      if (fold.cells.size > 0) fn(day, fold);
    }
  }

  /** Calls fn with folded cells covering exactly the local days in [since, until]: whole runs, then single days. */
  forEachCells(
    since: number | undefined,
    until: number | undefined,
    fn: (cells: ReadonlyMap<number, Float64Array>) => void,
  ): void {
    const range = this.#range(since, until);
    if (!range) return;
    const [from, to] = range;
    for (let day = from; day <= to; ) {
      if (day % RUN === 0 && day + RUN - 1 <= to) {
        fn(this.#run(day / RUN));
        day += RUN;
      } else fn(this.#day(day++).cells);
    }
  }

  #range(since: number | undefined, until: number | undefined): [number, number] | undefined {
    this.#refresh();
    const { first, last } = this.book.cells;
    if (first > last) return undefined;
    const from = Math.max(since ?? Number.NEGATIVE_INFINITY, this.calendar.dayOf(first * BUCKET_MS));
    const to = Math.min(until ?? Number.POSITIVE_INFINITY, this.calendar.dayOf(last * BUCKET_MS));
    return from <= to ? [from, to] : undefined;
  }

  #refresh(): void {
    if (this.#version === this.book.version) return;
    const from = this.book.changedSince(this.#version);
    this.#version = this.book.version;
    if (from === Number.POSITIVE_INFINITY) return;
    if (from === Number.NEGATIVE_INFINITY) {
      this.#days.clear();
      this.#runs.clear();
      return;
    }
    const stale = this.calendar.dayOf(from * BUCKET_MS);
    for (const day of this.#days.keys()) if (day >= stale) this.#days.delete(day);
    for (const run of this.#runs.keys()) if ((run + 1) * RUN > stale) this.#runs.delete(run);
  }

  #run(run: number): Cells {
    let cells = this.#runs.get(run);
    if (cells) return cells;
    cells = new Map();
    for (let day = run * RUN; day < (run + 1) * RUN; day++)
      for (const [key, sums] of this.#day(day).cells) addSums(sumsOf(cells, key), sums);
    this.#runs.set(run, cells);
    return cells;
  }

  #day(day: number): DayFold {
    const kept = this.#days.get(day);
    if (kept) return kept;
    const fold: DayFold = {
      cells: new Map(),
      total: newSums(),
      models: new Map(),
      projects: new Map(),
      rows: new Map(),
    };
    // A bucket belongs to the day its start falls on: the day's buckets start at or after its first instant.
    const start = Math.ceil(this.calendar.startOfDay(day) / BUCKET_MS);
    const end = Math.ceil(this.calendar.startOfDay(day + 1) / BUCKET_MS);
    this.book.cells.forEachBlock(start, end, (block) => {
      for (const [key, sums] of block) addSums(sumsOf(fold.cells, key), sums);
    });
    for (const [key, sums] of fold.cells) {
      const project = key % PROJECT_SPAN;
      addSums(fold.total, sums);
      addSums(sumsOf(fold.models, (key - project) / PROJECT_SPAN), sums);
      addSums(sumsOf(fold.projects, project), sums);
    }
    this.#days.set(day, fold);
    return fold;
  }
}
