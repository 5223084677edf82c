// cco's totals against the oracle, ccusage 20.0.24 run offline on the same data root: tokens exactly, cost to 1e-9.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { ParsePool } from '../../src/ingest/parse-pool.ts';
import type { Tally } from '../../src/metrics/tally.ts';
import { writeEdgeRoot, type EdgeRoot } from '../fixtures/edge-root.ts';
import { ccusage, relativeError, type CcusageDaily, type CcusageTokens } from '../helpers/ccusage.ts';
import { byDayModel, byModel, ingestOnce } from '../helpers/ingest.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

function expectSameTokens(cco: Tally, oracle: CcusageTokens, label: string): void {
  expect({ label, input: cco.input, output: cco.output, cacheCreation: cco.cacheCreation, cacheRead: cco.cacheRead }).toEqual({
    label, input: oracle.inputTokens, output: oracle.outputTokens, cacheCreation: oracle.cacheCreationTokens, cacheRead: oracle.cacheReadTokens,
  });
}

function expectSameCost(cco: number, oracle: number, label: string): void {
  expect({ label, relativeError: relativeError(cco, oracle) < 1e-9 }).toEqual({ label, relativeError: true });
}

function compareDaily(engine: Awaited<ReturnType<typeof ingestOnce>>, report: CcusageDaily): void {
  expectSameTokens(engine.ledger.totals, report.totals, 'totals');
  expectSameCost(engine.ledger.totals.cost, report.totals.totalCost, 'total cost');
  const oracleModels = new Map<string, { tokens: CcusageTokens; cost: number }>();
  const oracleDayModels = new Map<string, { tokens: CcusageTokens; cost: number }>();
  for (const day of report.daily) {
    for (const m of day.modelBreakdowns) {
      const sum = oracleModels.get(m.modelName) ?? { tokens: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 }, cost: 0 };
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

describe('totals equal ccusage on generated demo data', () => {
  let dir: TempDir;
  let report: CcusageDaily;
  beforeAll(async () => {
    dir = await tempDir('cco-oracle-demo-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 60, seed: 7 });
    report = await ccusage(dir.path);
  });
  afterAll(() => dir[Symbol.asyncDispose]());

  it('matches per day, per model and in total, read in one thread', async () => {
    compareDaily(await ingestOnce(dir.path), report);
  });

  it('matches when the cold read is spread over worker threads', async () => {
    const pool = new ParsePool(2);
    try {
      compareDaily(await ingestOnce(dir.path, { bulkReader: pool, bulkThresholdBytes: 0 }), report);
    } finally {
      pool.close();
    }
  });
});

describe('totals equal ccusage on the edge-case root', () => {
  it('matches to the token where ccusage has no quirk', async () => {
    await using dir = await tempDir('cco-oracle-edge-');
    await writeEdgeRoot(dir.path, { quirks: false });
    compareDaily(await ingestOnce(dir.path), await ccusage(dir.path));
  });

  it('counts, on top of ccusage, exactly the lines ccusage drops by quirk (BOM, null field, bad version, empty requestId)', async () => {
    await using dir = await tempDir('cco-oracle-quirks-');
    const edge: EdgeRoot = await writeEdgeRoot(dir.path);
    const [engine, report] = await Promise.all([ingestOnce(dir.path), ccusage(dir.path)]);
    expect(edge.quirks.map((q) => q.reason)).toHaveLength(4);
    const extra = edge.quirks.reduce(
      (sum, q) => ({ inputTokens: sum.inputTokens + q.input, outputTokens: sum.outputTokens + q.output, cacheCreationTokens: sum.cacheCreationTokens + q.cacheWrite, cacheReadTokens: sum.cacheReadTokens + q.cacheRead }),
      { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
    );
    expectSameTokens(engine.ledger.totals, {
      inputTokens: report.totals.inputTokens + extra.inputTokens,
      outputTokens: report.totals.outputTokens + extra.outputTokens,
      cacheCreationTokens: report.totals.cacheCreationTokens + extra.cacheCreationTokens,
      cacheReadTokens: report.totals.cacheReadTokens + extra.cacheReadTokens,
    }, 'totals with quirk lines');
  });

  it('reports a model with no price once and costs it 0', async () => {
    await using dir = await tempDir('cco-oracle-unpriced-');
    const edge = await writeEdgeRoot(dir.path, { quirks: false });
    const unpriced: string[] = [];
    const engine = await ingestOnce(dir.path, { onUnpriced: (m) => unpriced.push(m) });
    expect(unpriced).toEqual([edge.unpricedModel]);
    expect(byModel(engine).get(edge.unpricedModel)?.cost).toBe(0);
  });

  it('counts API errors as failed requests, not messages', async () => {
    await using dir = await tempDir('cco-oracle-errors-');
    await writeEdgeRoot(dir.path, { quirks: false });
    const engine = await ingestOnce(dir.path);
    expect(engine.ledger.totals.failed).toBe(2);
    expect(engine.counters.malformedLines).toBe(2);
  });
});
