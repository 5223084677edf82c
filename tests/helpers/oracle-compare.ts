// Compares an ingest engine's figures with a ccusage daily report: totals, per model and per UTC day × model, tokens
// exactly and cost to 1e-9 relative.
import { expect } from 'bun:test';
import type { IngestEngine } from '../../src/ingest/engine.ts';
import type { Tally } from '../../src/ledger/tally.ts';
import { relativeError, type CcusageDaily, type CcusageTokens } from './ccusage.ts';
import { byDayModel, byModel } from './ingest.ts';

export function expectSameTokens(cco: Tally, oracle: CcusageTokens, label: string): void {
  expect({
    label,
    input: cco.input,
    output: cco.output,
    cacheCreation: cco.cacheCreation,
    cacheRead: cco.cacheRead,
  }).toEqual({
    label,
    input: oracle.inputTokens,
    output: oracle.outputTokens,
    cacheCreation: oracle.cacheCreationTokens,
    cacheRead: oracle.cacheReadTokens,
  });
}

export function expectSameCost(cco: number, oracle: number, label: string): void {
  expect({ label, relativeError: relativeError(cco, oracle) < 1e-9 }).toEqual({ label, relativeError: true });
}

export function compareDaily(engine: IngestEngine, report: CcusageDaily): void {
  expectSameTokens(engine.ledger.totals, report.totals, 'totals');
  expectSameCost(engine.ledger.totals.cost, report.totals.totalCost, 'total cost');
  const oracleModels = new Map<string, { tokens: CcusageTokens; cost: number }>();
  const oracleDayModels = new Map<string, { tokens: CcusageTokens; cost: number }>();
  for (const day of report.daily) {
    for (const m of day.modelBreakdowns) {
      const sum = oracleModels.get(m.modelName) ?? {
        tokens: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
        cost: 0,
      };
      sum.tokens.inputTokens += m.inputTokens;
      sum.tokens.outputTokens += m.outputTokens;
      sum.tokens.cacheCreationTokens += m.cacheCreationTokens;
      sum.tokens.cacheReadTokens += m.cacheReadTokens;
      sum.cost += m.cost;
      oracleModels.set(m.modelName, sum);
      oracleDayModels.set(`${day.date} ${m.modelName}`, { tokens: m, cost: m.cost });
    }
  }
  const models = byModel(engine);
  expect([...models.keys()].sort()).toEqual([...oracleModels.keys()].sort());
  for (const [name, oracle] of oracleModels) {
    const cco = models.get(name);
    if (!cco) throw new Error(`cco has no model ${name}`);
    expectSameTokens(cco, oracle.tokens, name);
    expectSameCost(cco.cost, oracle.cost, `${name} cost`);
  }
  const dayModels = byDayModel(engine);
  expect([...dayModels.keys()].sort()).toEqual([...oracleDayModels.keys()].sort());
  for (const [key, oracle] of oracleDayModels) {
    expectSameTokens(dayModels.get(key) as Tally, oracle.tokens, key);
    expectSameCost((dayModels.get(key) as Tally).cost, oracle.cost, `${key} cost`);
  }
}
