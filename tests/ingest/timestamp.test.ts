import { describe, expect, it } from 'bun:test';
import { daysFromCivil, parseTimestamp } from '../../src/ingest/timestamp.ts';

describe('daysFromCivil', () => {
  it('agrees with Date.UTC on every 7th day from year 100 to 9999', () => {
    for (let t = Date.UTC(100, 0, 1); t < Date.UTC(9999, 11, 31); t += 7 * 86_400_000) {
      const d = new Date(t);
      expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) * 86_400_000).toBe(t);
    }
  });
});

describe('parseTimestamp', () => {
  it.each(['2026-11-20T10:15:02.113Z', '2026-11-20T10:15:02Z', '2024-02-29T23:59:59.999Z', '1999-12-31T00:00:00.000Z', '2026-11-20T10:15:02.113+02:00', '2026-11-20', '0050-06-01T00:00:00.000Z', '2000-02-29T12:00:00.000Z'])(
    'agrees with Date.parse on %p',
    (s) => expect(parseTimestamp(s)).toBe(Date.parse(s)),
  );
  it.each(['2026-02-31T10:00:00.000Z', '2100-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026x11x20T10:15:02.113Z', '2026-13-01T00:00:00.000Z', '2026-11-20T25:00:00.000Z', 'not a date', ''])('rejects %p', (s) => {
    expect(parseTimestamp(s)).toBeNaN();
  });
});
