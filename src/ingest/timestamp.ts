// Parses the ISO-8601 UTC timestamps Claude Code writes (`2026-11-20T10:15:02.113Z`) without Date.parse's general
// path; anything else falls back to Date.parse. Returns epoch ms, or NaN.

const digits = (s: string, from: number, n: number): number => {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
};

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function parseTimestamp(s: string): number {
  // YYYY-MM-DDTHH:MM:SS.sssZ (24 chars) or without milliseconds (20 chars).
  if ((s.length === 24 || s.length === 20) && s.charCodeAt(s.length - 1) === 90 && s.charCodeAt(10) === 84) {
    const ms = s.length === 24 ? digits(s, 20, 3) : 0;
    const month = digits(s, 5, 2);
    const day = digits(s, 8, 2);
    const hour = digits(s, 11, 2);
    const minute = digits(s, 14, 2);
    const second = digits(s, 17, 2);
    const year = digits(s, 0, 4);
    // (Date.UTC maps years 0-99 to 1900-1999: those go to Date.parse.)
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && hour < 24 && minute < 60 && second < 60) {
      // 2026-02-31 is refused (Date.UTC and JavaScriptCore's Date.parse would roll it over to March).
      return day <= daysIn(year, month) ? Date.UTC(year, month - 1, day, hour, minute, second, ms) : Number.NaN;
    }
  }
  return Date.parse(s);
}
