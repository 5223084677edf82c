// Calendar arithmetic on local day numbers (days since 1970-01-01 in some zone's calendar): no Date, no zone.
import type { Weekday } from '../api/values.ts';

/** Milliseconds in a calendar day of 24 h (local days of a zone may have 23 or 25; see zone-calendar.ts). */
export const DAY_MS = 86_400_000;

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** The first day of the week holding `day`, weeks starting on weekday `start` (0 = Sunday). */
export const weekStartOf = (day: number, start: number): number => day - ((weekdayOf(day) - start + 7) % 7);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Months since 1970-01 of a day number (a sortable month key). */
export function monthOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** `YYYY-MM` of a month key. */
export function formatMonth(month: number): string {
  const year = 1970 + Math.floor(month / 12);
  return `${pad(year, 4)}-${pad((((month % 12) + 12) % 12) + 1)}`;
}

/** The day number of `YYYY-MM-DD` or `YYYYMMDD`, or undefined when it is not a real calendar date. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, date);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== date) return undefined;
  return ms / DAY_MS;
}
