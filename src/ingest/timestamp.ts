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

export function parseTimestamp(s: string): number {
  // YYYY-MM-DDTHH:MM:SS.sssZ (24 chars) or without milliseconds (20 chars).
  if ((s.length === 24 || s.length === 20) && s.charCodeAt(s.length - 1) === 90 && s.charCodeAt(10) === 84) {
    const ms = s.length === 24 ? digits(s, 20, 3) : 0;
    const month = digits(s, 5, 2);
    const day = digits(s, 8, 2);
    const hour = digits(s, 11, 2);
    const minute = digits(s, 14, 2);
    const second = digits(s, 17, 2);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60) {
      const t = Date.UTC(digits(s, 0, 4), month - 1, day, hour, minute, second, ms);
      // Date.UTC rolls 2026-02-31 over to March: only accept dates that survive the round trip.
      if (!Number.isNaN(t) && new Date(t).getUTCDate() === day) return t;
      return Number.NaN;
    }
  }
  return Date.parse(s);
}
