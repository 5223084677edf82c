import { describe, expect, it } from 'bun:test';
import { parseTimestamp } from '../../src/ingest/timestamp.ts';

describe('parseTimestamp', () => {
  it.each(['2026-11-20T10:15:02.113Z', '2026-11-20T10:15:02Z', '2024-02-29T23:59:59.999Z', '1999-12-31T00:00:00.000Z', '2026-11-20T10:15:02.113+02:00', '2026-11-20', '0050-06-01T00:00:00.000Z', '2000-02-29T12:00:00.000Z'])(
    'agrees with Date.parse on %p',
    (s) => expect(parseTimestamp(s)).toBe(Date.parse(s)),
  );
  it.each(['2026-02-31T10:00:00.000Z', '2100-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-11-20T25:00:00.000Z', 'not a date', ''])('rejects %p', (s) => {
    expect(parseTimestamp(s)).toBeNaN();
  });
});
