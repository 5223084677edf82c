// The bucket size reports fold by, and which local days a report's since/until (inclusive) selects.
import type { ZoneCalendar } from './zone-calendar.ts';

/** One cell's span: 15 minutes, ms (a bucket belongs to the local day its start falls on). */
export const BUCKET_MS = 15 * 60_000;

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
