// Which 15-minute buckets a report's since/until (local days, inclusive) covers, and the local day of each.
import type { ReportBook } from './report-book.ts';
import type { ZoneCalendar } from './zone-calendar.ts';

export const BUCKET_MS = 15 * 60_000;

/** Calls fn for every bucket whose local day lies in [since, until] (either end open when undefined). */
export function forEachBucketInRange(
  book: ReportBook,
  calendar: ZoneCalendar,
  since: number | undefined,
  until: number | undefined,
  fn: (day: number, cells: ReadonlyMap<number, Float64Array>) => void,
): void {
  const from = since === undefined ? Number.NEGATIVE_INFINITY : calendar.startOfDay(since);
  const to = until === undefined ? Number.POSITIVE_INFINITY : calendar.startOfDay(until + 1);
  for (const [index, cells] of book.buckets) {
    const start = index * BUCKET_MS;
    if (start < from || start >= to) continue;
    fn(calendar.dayOf(start), cells);
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
