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

const Z = 90;
const T = 84;
const DASH = 45;
const COLON = 58;
const DOT = 46;

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil): Date.UTC without the native call. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function parseTimestamp(s: string): number {
  // YYYY-MM-DDTHH:MM:SS.sssZ (24 chars) or without milliseconds (20 chars).
  const n = s.length;
  if ((n === 24 || n === 20) && s.charCodeAt(n - 1) === Z && s.charCodeAt(10) === T && s.charCodeAt(4) === DASH && s.charCodeAt(7) === DASH &&
    s.charCodeAt(13) === COLON && s.charCodeAt(16) === COLON && (n === 20 || s.charCodeAt(19) === DOT)) {
    const ms = n === 24 ? digits(s, 20, 3) : 0;
    const month = digits(s, 5, 2);
    const day = digits(s, 8, 2);
    const hour = digits(s, 11, 2);
    const minute = digits(s, 14, 2);
    const second = digits(s, 17, 2);
    const year = digits(s, 0, 4);
    if (month >= 1 && month <= 12 && day >= 1 && hour < 24 && minute < 60 && second < 60) {
      // 2026-02-31 is refused (JavaScriptCore's Date.parse would roll it over to March).
      if (day > daysIn(year, month) || Number.isNaN(ms)) return Number.NaN;
      return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
    }
  }
  return Date.parse(s);
}
