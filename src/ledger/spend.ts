// What has been spent in the current local day and month (cost and tokens), for budgets; folds only those cells.
import type { UsageLedger } from './ledger.ts';
import { rollupTotal } from './rollup.ts';
import { timeRange } from './time-ranges.ts';
import type { Spend } from './outputs.ts';

export function spendOf(ledger: UsageLedger, now: number): Spend {
  const sum = (range: 'today' | 'month') => {
    const t = rollupTotal(ledger.cube, timeRange(range, now));
    return { cost: t.cost, tokens: t.tokens };
  };
  return { today: sum('today'), month: sum('month') };
}
