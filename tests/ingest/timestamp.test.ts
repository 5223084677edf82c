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
  it.each([
    '2026-11-20T10:15:02.113Z',
    '2026-11-20T10:15:02Z',
    '2024-02-29T23:59:59.999Z',
    '1999-12-31T00:00:00.000Z',
    '2026-11-20T10:15:02.113+02:00',
    '2026-11-20T23:30:00+05:45',
    '2026-11-20T01:00:00-03:30',
    '2026-11-20T10:00:00-23:59',
    '0050-06-01T00:00:00.000Z',
    '2000-02-29T12:00:00.000Z',
  ])('agrees with Date.parse on %p', (s) => expect(parseTimestamp(s)).toBe(Date.parse(s)));

  it.each([
    // zone-less: its day would depend on the machine's zone
    '2026-11-20T10:00:00',
    '2026-11-20T10:00:00.000',
    '2026-11-20',
    // not ISO 8601 as Claude Code writes it
    '2026-11-20T24:00:00Z',
    'Tue Feb 10 2026 10:00:00 GMT+0000',
    '2026-11-20T10:00Z',
    '2026-11-20t10:00:00z',
    '2026-11-20 10:00:00Z',
    '2026-11-20T10:00:00.1Z',
    '2026-11-20T10:00:00.123456Z',
    '2026-11-20T10:00:00,5Z',
    '2026-11-20T10:00:00+0100',
    '+002026-11-20T10:00:00Z',
    // out of range
    '2026-02-31T10:00:00.000Z',
    '2100-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026x11x20T10:15:02.113Z',
    '2026-13-01T00:00:00.000Z',
    '2026-11-20T25:00:00.000Z',
    '2026-11-20T10:00:60Z',
    '2026-11-20T10:60:00Z',
    'not a date',
    '',
  ])('rejects %p', (s) => {
    expect(parseTimestamp(s)).toBeNaN();
  });

  it("dates a zoned time by its instant, whatever the machine's zone", () => {
    expect(parseTimestamp('2026-11-20T23:30:00+05:00')).toBe(Date.UTC(2026, 10, 20, 18, 30));
    expect(parseTimestamp('2026-11-20T20:00:00-05:00')).toBe(Date.UTC(2026, 10, 21, 1));
  });
});
