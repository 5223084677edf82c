import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { costOfUsage, createPriceBook } from '../../src/pricing/index.ts';
import { ccusage, relativeError } from '../helpers/ccusage.ts';
import { byModel, ingestOnce } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';
import { assistantLine, pricedLines, syntheticLine } from './oracle-fixture.ts';

const FIRST_DAY = Date.UTC(2025, 0, 1);

/** Each message on its own UTC day, so ccusage's daily breakdown shows every message's cost separately. */
const dayOf = (n: number) => new Date(FIRST_DAY + n * 86_400_000).toISOString().slice(0, 10);

describe('pricing against ccusage 20.0.24 (oracle)', () => {
  it('computes the same cost for every message as ccusage --mode calculate, to 1e-9 relative', async () => {
    await using dir = await tempDir('cco-pricing-oracle-');
    const root = join(dir.path, 'root');
    await mkdir(join(root, 'projects', '-home-x'), { recursive: true });

    const lines = pricedLines();
    const jsonl = lines.map((line, n) => assistantLine(line, n, `${dayOf(n)}T10:15:02.113Z`));
    jsonl.push(syntheticLine(lines.length, `${dayOf(0)}T11:00:00.000Z`));
    await writeFile(join(root, 'projects', '-home-x', 's1.jsonl'), `${jsonl.join('\n')}\n`);

    const book = createPriceBook();
    const expected = new Map<string, number>();
    lines.forEach((line, n) => {
      const pricing = book.findPricing(line.modelId);
      if (!pricing) throw new Error(`fixture model ${line.modelId} has no price`);
      // ccusage lists fast-mode messages under `<model>-fast`.
      const name = line.speed === 'fast' ? `${line.modelId}-fast` : line.modelId;
      expected.set(`${dayOf(n)} ${name}`, costOfUsage(pricing, line.tokens, line.speed));
    });

    const report = await ccusage(root);
    const actual = new Map<string, number>();
    for (const day of report.daily) {
      for (const { modelName, cost } of day.modelBreakdowns) actual.set(`${day.date} ${modelName}`, cost);
    }

    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    const off = [...expected].flatMap(([name, cost]) => {
      const theirs = actual.get(name) ?? Number.NaN;
      const relative = Math.abs(cost - theirs) / Math.max(Math.abs(theirs), Number.MIN_VALUE);
      return relative <= 1e-9 ? [] : [{ name, cco: cost, ccusage: theirs }];
    });
    expect(off).toEqual([]);
  });

  it('counts regional Bedrock records at the regional price through the ingest, as ccusage does (issue 18)', async () => {
    await using dir = await tempDir('cco-pricing-regional-');
    const root = join(dir.path, 'root');
    await mkdir(join(root, 'projects', '-home-x'), { recursive: true });
    const tokens = {
      input: 12_000,
      output: 30_000,
      cacheCreation5m: 40_000,
      cacheCreation1h: 50_000,
      cacheRead: 150_000,
    };
    const ids = ['us', 'eu', 'jp', 'au', 'global', 'apac'].map((r) => `${r}.anthropic.claude-sonnet-4-5-20250929-v1:0`);
    ids.push('anthropic.claude-sonnet-4-5-20250929-v1:0');
    const jsonl = ids.map((modelId, n) =>
      assistantLine({ modelId, tokens, breakdown: true, speed: 'standard' }, n, '2026-01-05T10:00:00.000Z'),
    );
    await writeFile(join(root, 'projects', '-home-x', 's1.jsonl'), `${jsonl.join('\n')}\n`);

    const report = await ccusage(root);
    const engine = await ingestOnce(root);
    const models = byModel(engine);
    const oracle = new Map(report.daily.flatMap((d) => d.modelBreakdowns).map((m) => [m.modelName, m.cost]));
    expect([...models.keys()].sort()).toEqual([...oracle.keys()].sort());
    for (const [name, cost] of oracle)
      expect({ name, close: relativeError(models.get(name)?.cost ?? Number.NaN, cost) < 1e-9 }).toEqual({
        name,
        close: true,
      });
    expect(relativeError(engine.ledger.totals.cost, report.totals.totalCost)).toBeLessThan(1e-9);
    // The four regional endpoints cost 10 % more than global, apac and plain anthropic.
    const regional = models.get(ids[0]!)!.cost;
    const global = models.get(ids[4]!)!.cost;
    expect(regional / global).toBeCloseTo(1.1, 12);
  });
});
