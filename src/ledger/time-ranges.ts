// The named time ranges of /api/stats, in the server's local time zone.
import type { TimeRange } from './rollup.ts';
import type { TimeRangeName } from '../api/values.ts';

/**
 * `today`: local midnight to the next; `week`: the last 7 local calendar days, today included; `month`: the local
 * calendar month. Each range ends where it ends, so a line dated later (a clock ahead, a hand-edited file) is filed
 * under its own date and never counts today. `all`: everything, future-dated lines included.
 */
export function timeRange(name: TimeRangeName, now: number): TimeRange | undefined {
  if (name === 'all') return undefined;
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  if (name === 'week') start.setDate(start.getDate() - 6);
  if (name === 'month') {
    start.setDate(1);
    end.setTime(new Date(start.getFullYear(), start.getMonth() + 1, 1).getTime());
  }
  return { from: start.getTime(), to: end.getTime() };
}
