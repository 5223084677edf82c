// Parses the timestamps Claude Code writes: ISO 8601 with seconds, optional milliseconds (exactly three digits) and a
// zone (`Z` or `±HH:MM`), e.g. `2026-11-20T10:15:02.113Z`. Nothing else is a timestamp: a zone-less one would depend on
// the machine's zone, and `24:00:00`, `Tue Feb 10 2026 …` or a rolled-over `02-31` are refused. This is ccusage
// 20.0.24's grammar, so the same lines are dated the same way. Returns epoch ms, or NaN.
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
const PLUS = 43;

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

/** Minutes east of UTC of a zone suffix (`Z`, `+05:45`, `-03:30`), or NaN. */
function zoneOffset(s: string, at: number): number {
  const n = s.length - at;
  if (n === 1) return s.charCodeAt(at) === Z ? 0 : Number.NaN;
  const sign = s.charCodeAt(at);
  if (n !== 6 || (sign !== PLUS && sign !== DASH) || s.charCodeAt(at + 3) !== COLON) return Number.NaN;
  const minutes = digits(s, at + 1, 2) * 60 + digits(s, at + 4, 2);
  return sign === PLUS ? minutes : -minutes;
}

export function parseTimestamp(s: string): number {
  const n = s.length;
  // YYYY-MM-DDTHH:MM:SS, then `.sss` or not, then the zone: 20/25 characters without milliseconds, 24/29 with.
  const withMs = (n === 24 || n === 29) && s.charCodeAt(19) === DOT;
  if (!withMs && n !== 20 && n !== 25) return Number.NaN;
  if (
    s.charCodeAt(4) !== DASH ||
    s.charCodeAt(7) !== DASH ||
    s.charCodeAt(10) !== T ||
    s.charCodeAt(13) !== COLON ||
    s.charCodeAt(16) !== COLON
  ) {
    return Number.NaN;
  }
  const ms = withMs ? digits(s, 20, 3) : 0;
  const offset = zoneOffset(s, withMs ? 23 : 19);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  // (NaN fails every comparison below)
  if (
    !(
      year === year &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 59 &&
      ms >= 0 &&
      offset === offset
    )
  )
    return Number.NaN;
  if (day > daysIn(year, month)) return Number.NaN;
  return (
    daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + (minute - offset) * 60_000 + second * 1000 + ms
  );
}
