// The named time ranges of /api/stats, in the server's local time zone.
import type { TimeRange } from './rollup.ts';
import type { TimeRangeName } from './types.ts';

/**
 * `today`: since local midnight; `week`: the last 7 local calendar days including today; `month`: since the 1st of
 * the local month; `all`: everything. Ranges end at `now` (inclusive of everything already logged).
 */
export function timeRange(name: TimeRangeName, now: number): TimeRange | undefined {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  switch (name) {
    case 'all':
      return undefined;
    case 'today':
      break;
    case 'week':
      start.setDate(start.getDate() - 6);
      break;
    case 'month':
      start.setDate(1);
      break;
  }
  return { from: start.getTime(), to: Number.POSITIVE_INFINITY };
}
