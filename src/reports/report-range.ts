// Which 15-minute buckets a report's since/until (local days, inclusive) covers, and the local day of each: day by
// day, each local day's buckets as the few folded blocks of the book's index that cover them.
import type { ReportBook } from './report-book.ts';
import type { ZoneCalendar } from './zone-calendar.ts';

export const BUCKET_MS = 15 * 60_000;

/**
 * Calls fn with the cells of every bucket whose local day lies in [since, until] (either end open when undefined),
 * as folded blocks: fn may be called several times for one day.
 */
export function forEachBucketInRange(
  book: ReportBook,
  calendar: ZoneCalendar,
  since: number | undefined,
  until: number | undefined,
  fn: (day: number, cells: ReadonlyMap<number, Float64Array>) => void,
): void {
  const { first, last } = book.cells;
  if (first > last) return;
  const from = Math.max(since ?? Number.NEGATIVE_INFINITY, calendar.dayOf(first * BUCKET_MS));
  const to = Math.min(until ?? Number.POSITIVE_INFINITY, calendar.dayOf(last * BUCKET_MS));
  // A bucket belongs to the day its start falls on: the day's buckets start at or after its first instant.
  let start = Math.ceil(calendar.startOfDay(from) / BUCKET_MS);
  for (let day = from; day <= to; day++) {
    const end = Math.ceil(calendar.startOfDay(day + 1) / BUCKET_MS);
    book.cells.forEachBlock(start, end, (cells) => fn(day, cells));
    start = end;
  }
}

/** Whether instant `ms` falls on a local day in [since, until]. */
export function inDayRange(
  calendar: ZoneCalendar,
  ms: number,
  since: number | undefined,
  until: number | undefined,
): boolean {
  const day = calendar.dayOf(ms);
  return (since === undefined || day >= since) && (until === undefined || day <= until);
}
