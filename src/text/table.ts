// Aligned text tables: columns sized to their widest cell, numbers right-aligned, one string per line.
import { displayWidth, fit } from './width.ts';

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Upper bound for this column; longer cells are cut with "…". */
  readonly maxWidth?: number;
}

/** Renders header + rows; `gap` spaces between columns. Styling of whole lines is left to the caller. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], gap = 2): string[] {
  const widths = columns.map((column, i) => {
    const widest = Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row[i] ?? '')));
    return Math.min(widest, column.maxWidth ?? widest);
  });
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => fit(cells[i] ?? '', widths[i] ?? 0, column.align ?? 'left'))
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}
