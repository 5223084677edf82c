// Turns a report request's raw values (HTTP query or CLI flags) into a ReportQuery; each bad value is a
// ReportQueryError naming what is allowed.
import { parseDay } from './civil-date.ts';
import { type ReportQuery } from './types.ts';
import { UnknownZoneError, ZoneCalendar } from './zone-calendar.ts';
import {
  BREAKDOWNS,
  ORDERS,
  REPORT_KINDS,
  WEEKDAYS,
  type Breakdown,
  type Order,
  type ReportKind,
  type Weekday,
} from '../api/values.ts';

/** Most rows one report returns. */
export const MAX_LIMIT = 100_000;

export class ReportQueryError extends Error {
  constructor(
    message: string,
    readonly allowed?: readonly string[],
  ) {
    super(message);
    this.name = 'ReportQueryError';
  }
}

export interface RawReportQuery {
  readonly since?: string;
  readonly until?: string;
  readonly tz?: string;
  readonly breakdown?: string;
  readonly order?: string;
  readonly limit?: string;
  readonly start_of_week?: string;
  readonly id?: string;
}

const cut = (text: string): string => text.slice(0, 40);

function oneOf<T extends string>(what: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = allowed.find((a) => a === raw.trim().toLowerCase());
  if (!value) throw new ReportQueryError(`invalid ${what} '${cut(raw)}': use one of ${allowed.join(', ')}`, allowed);
  return value;
}

function day(what: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = parseDay(raw);
  if (value === undefined)
    throw new ReportQueryError(`invalid ${what} '${cut(raw)}': use a date as YYYYMMDD or YYYY-MM-DD`);
  return value;
}

export function parseReportKind(raw: string): ReportKind {
  const kind = oneOf('report', raw, REPORT_KINDS);
  if (!kind) throw new ReportQueryError(`invalid report '': use one of ${REPORT_KINDS.join(', ')}`, REPORT_KINDS);
  return kind;
}

/** @param defaultZone used when `tz` is absent (the daemon's zone). */
export function parseReportQuery(kind: ReportKind, raw: RawReportQuery, defaultZone: string): ReportQuery {
  const since = day('since', raw.since);
  const until = day('until', raw.until);
  if (since !== undefined && until !== undefined && since > until)
    throw new ReportQueryError(`since (${raw.since}) is after until (${raw.until})`);
  let zone = defaultZone;
  if (raw.tz !== undefined && raw.tz !== '') {
    try {
      zone = new ZoneCalendar(raw.tz.trim()).zone;
    } catch (error) {
      if (error instanceof UnknownZoneError) throw new ReportQueryError(error.message);
      throw error;
    }
  }
  let limit: number | undefined;
  if (raw.limit !== undefined && raw.limit !== '') {
    limit = /^\d{1,6}$/.test(raw.limit.trim()) ? Number(raw.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT))
      throw new ReportQueryError(`invalid limit '${cut(raw.limit)}': use a whole number from 1 to ${MAX_LIMIT}`);
  }
  return {
    kind,
    zone,
    since,
    until,
    breakdown: oneOf<Breakdown>('breakdown', raw.breakdown, BREAKDOWNS) ?? 'none',
    order: oneOf<Order>('order', raw.order, ORDERS),
    limit,
    startOfWeek: oneOf<Weekday>('start_of_week', raw.start_of_week, WEEKDAYS) ?? 'sunday',
    sessionId: raw.id === undefined || raw.id === '' ? undefined : raw.id,
  };
}
