import { describe, expect, it } from 'bun:test';
import {
  formatAge,
  formatBytes,
  formatClock,
  formatCompact,
  formatCount,
  formatPercent,
  formatUsd,
} from '../../src/text/format.ts';

describe('number formats', () => {
  it('groups token counts by thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('prints USD with two decimals by default and more for small sums', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.01234, 4)).toBe('$0.0123');
    expect(formatUsd(-2)).toBe('-$2.00');
  });

  it('compacts large counts to a few characters', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12_345)).toBe('12.3k');
    expect(formatCompact(4_000_000)).toBe('4M');
    expect(formatCompact(123_456_789)).toBe('123M');
  });

  it('prints shares with one decimal', () => {
    expect(formatPercent(81.04)).toBe('81.0%');
  });

  it('prints ages with at most two units', () => {
    expect(formatAge(0.44)).toBe('0.4s');
    expect(formatAge(3)).toBe('3s');
    expect(formatAge(42.9)).toBe('42s');
    expect(formatAge(75)).toBe('1m 15s');
    expect(formatAge(7384)).toBe('2h 03m');
    expect(formatAge(200_000)).toBe('2d 07h');
  });

  it('prints bytes with binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });

  it('prints local clock times (TZ=UTC in tests)', () => {
    expect(formatClock('2026-11-28T14:03:07.900Z')).toBe('14:03:07');
  });
});
