// cco's totals against the oracle, ccusage 20.0.24 run offline on the same data root: tokens exactly, cost to 1e-9.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { ParsePool } from '../../src/ingest/parse-pool.ts';
import { writeEdgeRoot, type EdgeRoot } from '../fixtures/edge-root.ts';
import { ccusage, type CcusageDaily } from '../helpers/ccusage.ts';
import { byModel, ingestOnce } from '../helpers/ingest.ts';
import { compareDaily, expectSameTokens } from '../helpers/oracle-compare.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

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
