// The book's cells folded per local day of one zone, kept between reports: a day is folded once from the bucket
// index's blocks, and an update drops only the days from its lowest changed bucket on (a tick changes recent ones), so
// a report over a year adds a few dozen folded cells per day instead of refolding the day's blocks each time.
import type { Cells } from './bucket-index.ts';
import type { ReportBook } from './report-book.ts';
import { BUCKET_MS } from './report-range.ts';
import { addSums, sumsOf } from './report-rows.ts';
import type { ZoneCalendar } from './zone-calendar.ts';

export class LocalDays {
  /** Local day → its cells folded ((model × 2¹⁶ + project) → sums); empty days are kept too. */
  readonly #days = new Map<number, Cells>();
  #version = -1;

  constructor(
    private readonly book: ReportBook,
    readonly calendar: ZoneCalendar,
  ) {}

  /** Calls fn with the folded cells of every local day in [since, until] (either end open when undefined) with usage. */
  forEachDay(
    since: number | undefined,
    until: number | undefined,
    fn: (day: number, cells: ReadonlyMap<number, Float64Array>) => void,
  ): void {
    this.#refresh();
    const { first, last } = this.book.cells;
    if (first > last) return;
    const from = Math.max(since ?? Number.NEGATIVE_INFINITY, this.calendar.dayOf(first * BUCKET_MS));
    const to = Math.min(until ?? Number.POSITIVE_INFINITY, this.calendar.dayOf(last * BUCKET_MS));
    for (let day = from; day <= to; day++) {
      const cells = this.#day(day);
      if (cells.size > 0) fn(day, cells);
    }
  }

  #refresh(): void {
    if (this.#version === this.book.version) return;
    const from = this.book.changedSince(this.#version);
    this.#version = this.book.version;
    if (from === Number.POSITIVE_INFINITY) return;
    if (from === Number.NEGATIVE_INFINITY) return this.#days.clear();
    const stale = this.calendar.dayOf(from * BUCKET_MS);
    for (const day of this.#days.keys()) if (day >= stale) this.#days.delete(day);
  }

  #day(day: number): Cells {
    let cells = this.#days.get(day);
    if (cells) return cells;
    cells = new Map();
    const folded = cells;
    // A bucket belongs to the day its start falls on: the day's buckets start at or after its first instant.
    const start = Math.ceil(this.calendar.startOfDay(day) / BUCKET_MS);
    const end = Math.ceil(this.calendar.startOfDay(day + 1) / BUCKET_MS);
    this.book.cells.forEachBlock(start, end, (block) => {
      for (const [key, sums] of block) addSums(sumsOf(folded, key), sums);
    });
    this.#days.set(day, cells);
    return cells;
  }
}
