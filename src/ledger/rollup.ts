// Folds usage-cube cells into tallies grouped by a key (model, project, day, time bucket), optionally within a time range.
import { Tally } from './tally.ts';
import type { CellKey, UsageCube } from './usage-cube.ts';

export interface TimeRange {
  /** Inclusive, epoch ms (a 15-minute cell counts when it starts at or after `from`). */
  readonly from: number;
  /** Exclusive, epoch ms. */
  readonly to: number;
}

/** Sums cells by `groupOf(cell)`; cells for which it returns undefined are left out. */
export function rollup<K>(
  cube: UsageCube,
  groupOf: (cell: CellKey) => K | undefined,
  range?: TimeRange,
): Map<K, Tally> {
  const groups = new Map<K, Tally>();
  cube.forEachCell(
    (cell, tally) => {
      const group = groupOf(cell);
      if (group === undefined) return;
      let sum = groups.get(group);
      if (!sum) groups.set(group, (sum = new Tally()));
      sum.merge(tally);
    },
    range?.from,
    range?.to,
  );
  return groups;
}

/** One tally over the whole range (or everything). */
export function rollupTotal(cube: UsageCube, range?: TimeRange): Tally {
  if (!range) return cube.totals;
  return rollup(cube, () => 0, range).get(0) ?? new Tally();
}

/** UTC calendar day `YYYY-MM-DD` of an epoch ms. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
