// Runs ccusage 20.0.24's reports in a chosen zone and holds cco's report rows to them: same rows in the same order,
// tokens exactly, cost to 1e-9 relative, the same models (ccusage's modelsUsed order follows its file loading, so the
// sets are compared; cco lists them costliest first, as its breakdowns).
import { expect } from 'bun:test';
import { ccusage, relativeError } from './ccusage.ts';

export type OracleKind = 'daily' | 'weekly' | 'monthly' | 'session';
export const ROWS = { daily: 'daily', weekly: 'weekly', monthly: 'monthly', session: 'sessions' } as const;

type Row = Record<string, unknown> & { modelBreakdowns: Record<string, unknown>[]; modelsUsed: string[] };
export type ReportJson = Record<string, unknown> & { totals: Record<string, number> };

/** `ccusage claude <kind> --json --offline --mode calculate -z <zone> ...extra` on `root`. */
export const ccusageReport = (
  root: string,
  kind: OracleKind,
  zone: string,
  extra: string[] = [],
): Promise<ReportJson> => ccusage<ReportJson>(root, kind, extra, zone);

const TOKEN_KEYS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens'] as const;
const ID_KEYS = ['date', 'week', 'month', 'sessionId', 'projectPath'] as const;

function expectCost(cco: unknown, oracle: unknown, label: string): void {
  expect({ label, cost: relativeError(Number(cco), Number(oracle)) < 1e-9 }).toEqual({ label, cost: true });
}

function expectSameUsage(
  cco: Record<string, unknown>,
  oracle: Record<string, unknown>,
  label: string,
  costKey: string,
): void {
  for (const key of TOKEN_KEYS) expect({ label, key, value: cco[key] }).toEqual({ label, key, value: oracle[key] });
  expectCost(cco[costKey], oracle[costKey], label);
}

/** Every key ccusage gives is in cco's body with the same figures; rows in the same order. */
export function expectSameReport(cco: ReportJson, oracle: ReportJson, kind: OracleKind): void {
  const rowsKey = ROWS[kind];
  const ours = cco[rowsKey] as Row[];
  const theirs = oracle[rowsKey] as Row[];
  const idOf = (r: Row) =>
    ID_KEYS.filter((k) => k in r)
      .map((k) => r[k])
      .join(' ');
  expect(ours.map(idOf)).toEqual(theirs.map(idOf));
  theirs.forEach((o, i) => {
    const c = ours[i] as Row;
    const label = idOf(o);
    for (const key of Object.keys(o)) expect({ label, has: key in c }).toEqual({ label, has: true });
    expectSameUsage(c, o, label, 'totalCost');
    expect(c.totalTokens).toBe(o.totalTokens);
    // ccusage's session activity also spans copies that dedup drops (resumed sessions repeat history): cco's lies inside.
    if ('firstActivity' in o)
      expect({
        label,
        inside: String(o.firstActivity) <= String(c.firstActivity) && String(c.lastActivity) <= String(o.lastActivity),
      }).toEqual({ label, inside: true });
    expect([...c.modelsUsed].sort()).toEqual([...o.modelsUsed].sort());
    expect(c.modelBreakdowns.map((m) => m.modelName)).toEqual(o.modelBreakdowns.map((m) => m.modelName));
    o.modelBreakdowns.forEach((m, j) =>
      expectSameUsage(c.modelBreakdowns[j] as Record<string, unknown>, m, `${label} ${String(m.modelName)}`, 'cost'),
    );
  });
  expectSameUsage(cco.totals, oracle.totals, 'totals', 'totalCost');
  expect(cco.totals.totalTokens).toBe(oracle.totals.totalTokens as number);
}
