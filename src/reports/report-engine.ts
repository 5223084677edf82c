// One report engine over a ReportBook: daily, weekly, monthly, session and project reports in any zone, in ccusage
// 20.0.24's JSON shape (`{daily|weekly|monthly|sessions|projects: rows, totals}`). Zone calendars are kept per zone
// with the book folded by their local days (kept between reports and updates), and the last reports per book
// version are reused.
import { LocalDays } from './local-days.ts';
import { periodRows, type PeriodRow } from './period-report.ts';
import { projectRows, type ProjectRow } from './project-report.ts';
import type { ReportBook } from './report-book.ts';
import { totalsOf, type Totals } from './report-rows.ts';
import { sessionCallsBody, type SessionCallsBody } from './session-calls-report.ts';
import { SessionReports } from './session-lists.ts';
import type { SessionRow } from './session-report.ts';
import type { ReportQuery } from './types.ts';
import { ZoneCalendar } from './zone-calendar.ts';
import type { ReportKind } from '../api/values.ts';
import type { SessionCall } from '../ledger/session-calls.ts';

/** The top-level key of each report's rows, as ccusage names it. */
export const ROWS_KEY = {
  daily: 'daily',
  weekly: 'weekly',
  monthly: 'monthly',
  session: 'sessions',
  project: 'projects',
} as const satisfies Record<ReportKind, string>;

export type ReportRow = PeriodRow | SessionRow | ProjectRow;

export interface ReportBody {
  readonly daily?: PeriodRow[];
  readonly weekly?: PeriodRow[];
  readonly monthly?: PeriodRow[];
  readonly sessions?: SessionRow[];
  readonly projects?: ProjectRow[];
  /** Over every row in the range, also those a `limit` leaves out. */
  readonly totals: Totals;
}

/** Rows of a body, whichever its kind. */
export const rowsOf = (body: ReportBody, kind: ReportKind): ReportRow[] => body[ROWS_KEY[kind]] ?? [];

const ZONES_KEPT = 16;
const REPORTS_KEPT = 32;

export class ReportEngine {
  /** Per zone: its calendar and the book folded by its local days. */
  readonly #zones = new Map<string, LocalDays>();
  readonly #memo = new Map<string, ReportBody>();
  #memoVersion = -1;
  readonly #sessions: SessionReports;

  constructor(private readonly book: ReportBook) {
    this.#sessions = new SessionReports(book);
  }

  build(query: ReportQuery): ReportBody {
    if (this.#memoVersion !== this.book.version) {
      this.#memo.clear();
      this.#memoVersion = this.book.version;
    }
    const key = JSON.stringify(query);
    const cached = this.#memo.get(key);
    if (cached) return cached;
    const body = this.#build(query);
    if (this.#memo.size >= REPORTS_KEPT) this.#memo.delete(this.#memo.keys().next().value as string);
    this.#memo.set(key, body);
    return body;
  }

  /** `session --id`: the calls of `query.sessionId` in the query's days and zone; undefined when there are none. */
  sessionCalls(query: ReportQuery, calls: readonly SessionCall[]): SessionCallsBody | undefined {
    return sessionCallsBody(query.sessionId ?? '', calls, this.#days(query.zone).calendar, query);
  }

  #build(query: ReportQuery): ReportBody {
    const days = this.#days(query.zone);
    if (query.kind === 'session') {
      const { rows, totals } = this.#sessions.report(days.calendar, query);
      return { sessions: rows, totals };
    }
    const rows: ReportRow[] =
      query.kind === 'project'
        ? projectRows(this.book, days, this.#sessions.countsByProject(days.calendar, query.since, query.until), query)
        : periodRows(this.book, days, { ...query, kind: query.kind });
    const totals = totalsOf(rows);
    return { [ROWS_KEY[query.kind]]: query.limit === undefined ? rows : rows.slice(0, query.limit), totals };
  }

  #days(zone: string): LocalDays {
    let days = this.#zones.get(zone);
    if (!days) {
      if (this.#zones.size >= ZONES_KEPT) this.#zones.delete(this.#zones.keys().next().value as string);
      this.#zones.set(zone, (days = new LocalDays(this.book, new ZoneCalendar(zone))));
    }
    return days;
  }
}
