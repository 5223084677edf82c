// Types of the report engine that cross folders and threads: what a tick sends the HTTP side, what a report asks for.
import type { Weekday } from '../api/values.ts';
import type { Breakdown, Order, ReportKind } from '../api/values.ts';

/** A validated report request. Dates are local day numbers in `zone` (see civil-date.ts), inclusive. */
export interface ReportQuery {
  readonly kind: ReportKind;
  readonly zone: string;
  readonly since: number | undefined;
  readonly until: number | undefined;
  readonly breakdown: Breakdown;
  /** Undefined: the kind's default (periods oldest first; sessions and projects costliest first, as ccusage). */
  readonly order: Order | undefined;
  readonly limit: number | undefined;
  readonly startOfWeek: Weekday;
  /** Session report: only this session. */
  readonly sessionId: string | undefined;
}
