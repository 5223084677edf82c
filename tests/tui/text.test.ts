import { describe, expect, it } from 'bun:test';
import { bar, downsample, sparkline } from '../../src/text/sparkline.ts';
import { renderTable } from '../../src/text/table.ts';
import { displayWidth, fit, flow, truncate } from '../../src/text/width.ts';

describe('fitting text to columns', () => {
  it('truncates with an ellipsis and never passes the width', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('abc', 0)).toBe('');
  });

  it('counts wide glyphs as two columns', () => {
    const cut = truncate('日本語のプロジェクト', 7);
    expect(displayWidth(cut)).toBeLessThanOrEqual(7);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('keeps escape sequences whole and closes the style when it cuts', () => {
    const styled = `\x1b[1m${'x'.repeat(20)}\x1b[22m`;
    const cut = truncate(styled, 5);
    expect(displayWidth(cut)).toBe(5);
    expect(cut.startsWith('\x1b[1m')).toBe(true);
    expect(cut.endsWith('\x1b[0m')).toBe(true);
  });

  it('pads to an exact width on either side', () => {
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('ab', 4, 'right')).toBe('  ab');
  });

  it('flows items onto new lines when the next would not fit', () => {
    expect(flow(['aaaa', 'bbbb', 'cccc'], 10, ' · ')).toEqual([' aaaa', ' bbbb', ' cccc']);
    expect(flow(['aa', 'bb'], 20, ' · ')).toEqual([' aa · bb']);
  });
});

describe('tables', () => {
  it('aligns columns to their widest cell, numbers to the right', () => {
    const lines = renderTable(
      [{ header: 'Model' }, { header: 'Cost', align: 'right' }],
      [
        ['a', '$1.00'],
        ['longer-name', '$123.45'],
      ],
    );
    expect(lines).toEqual([`Model${' '.repeat(11)}Cost`, `a${' '.repeat(14)}$1.00`, 'longer-name  $123.45']);
  });

  it('cuts cells at a column maximum', () => {
    const lines = renderTable(
      [
        { header: 'P', maxWidth: 5 },
        { header: 'N', align: 'right' },
      ],
      [['abcdefgh', '1']],
    );
    expect(lines[1]).toBe('abcd…  1');
  });
});

describe('sparklines and bars', () => {
  it('draws the maximum as a full block, zero as the lowest and any usage above it', () => {
    expect(sparkline([0, 1, 100, 50])).toBe('▁▂█▅');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
  });

  it('sums neighbouring points to fit a width, aligned to the newest point', () => {
    expect(downsample([1, 2, 3, 4, 5], 2)).toEqual([3, 12]);
    expect(downsample([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(
      sparkline(
        Array.from({ length: 120 }, (_, i) => i),
        60,
      ),
    ).toHaveLength(60);
  });

  it('fills bars in eighths and keeps their width', () => {
    expect(bar(1, 4)).toBe('████');
    expect(bar(0.5, 4)).toBe('██  ');
    expect(bar(0.0625, 4)).toBe('▎   ');
    expect(bar(2, 3)).toBe('███');
    expect(bar(Number.NaN, 3)).toBe('   ');
  });
});
