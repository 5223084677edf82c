// cco's totals against the oracle, ccusage 20.0.24 run offline on the same data root: tokens exactly, cost to 1e-9.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { ParsePool } from '../../src/ingest/parse-pool.ts';
import { writeEdgeRoot, type EdgeRoot } from '../fixtures/edge-root.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assistant } from '../fixtures/log-lines.ts';
import { write2026Root } from '../fixtures/root-2026.ts';
import { ccusage, type CcusageDaily, type CcusageSessions } from '../helpers/ccusage.ts';
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
      (sum, q) => ({
        inputTokens: sum.inputTokens + q.input,
        outputTokens: sum.outputTokens + q.output,
        cacheCreationTokens: sum.cacheCreationTokens + q.cacheWrite,
        cacheReadTokens: sum.cacheReadTokens + q.cacheRead,
      }),
      { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
    );
    expectSameTokens(
      engine.ledger.totals,
      {
        inputTokens: report.totals.inputTokens + extra.inputTokens,
        outputTokens: report.totals.outputTokens + extra.outputTokens,
        cacheCreationTokens: report.totals.cacheCreationTokens + extra.cacheCreationTokens,
        cacheReadTokens: report.totals.cacheReadTokens + extra.cacheReadTokens,
      },
      'totals with quirk lines',
    );
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

describe('where cco differs from ccusage on purpose (docs/counting.md)', () => {
  it('pairs copies of a message.id without requestId at any timestamp, as ccusage session does (its daily pairs them only at equal times)', async () => {
    await using dir = await tempDir('cco-oracle-noreq-');
    const line = (timestamp: string) =>
      assistant({ id: 'm-noreq', requestId: null, timestamp, input: 100, output: 20, cacheWrite: 0, cacheRead: 0 });
    await mkdir(join(dir.path, 'projects', '-p'), { recursive: true });
    await writeFile(
      join(dir.path, 'projects', '-p', 's.jsonl'),
      `${line('2026-11-20T10:00:00.000Z')}\n${line('2026-11-20T10:00:05.000Z')}\n`,
    );
    const [engine, daily, session] = await Promise.all([
      ingestOnce(dir.path),
      ccusage(dir.path),
      ccusage<CcusageSessions>(dir.path, 'session'),
    ]);
    expect(daily.totals.inputTokens).toBe(200);
    expect(session.totals.inputTokens).toBe(100);
    expect(engine.ledger.totals.input).toBe(100);
  });

  it('files agent-progress usage under its session, where ccusage session leaves it out (its daily counts it)', async () => {
    await using dir = await tempDir('cco-oracle-progress-session-');
    await write2026Root(dir.path, { shapes: ['progress-only'], perShape: 4 });
    const [engine, daily, session] = await Promise.all([
      ingestOnce(dir.path),
      ccusage(dir.path),
      ccusage<CcusageSessions>(dir.path, 'session'),
    ]);
    expect(session.sessions).toEqual([]);
    const sessions = [...engine.ledger.cube.sessions()].map(([id, s]) => [
      engine.ledger.sessions.name(id),
      s.tally.input,
    ]);
    expect(sessions).toEqual([['progress-only-s', daily.totals.inputTokens]]);
    expect(daily.totals.inputTokens).toBeGreaterThan(0);
  });
});
