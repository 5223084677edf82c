// Usage totals in ccusage's terms (tokens by kind, USD), and the comparison the oracle tests use.

export interface UsageTotals {
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  /** USD. */
  readonly cost: number;
}

/** Tokens exactly, cost to a relative 1e-9 (float sums in another order). */
export function sameTotals(a: UsageTotals, b: UsageTotals): boolean {
  const costError = a.cost === b.cost ? 0 : Math.abs(a.cost - b.cost) / Math.max(Math.abs(a.cost), Math.abs(b.cost));
  return (
    a.input === b.input &&
    a.output === b.output &&
    a.cacheCreation === b.cacheCreation &&
    a.cacheRead === b.cacheRead &&
    costError < 1e-9
  );
}

export const describeTotals = (t: UsageTotals): string =>
  `input ${t.input}, output ${t.output}, cache write ${t.cacheCreation}, cache read ${t.cacheRead}, $${t.cost.toFixed(6)}`;
