// Overrides in the ingest: a dated price applies by each response's own timestamp, and new prices (a config reload)
// reprice everything counted so far, so the figures equal a fresh start with those prices.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { IngestSession } from '../../src/daemon/ingest-session.ts';
import { priceOverridesFrom, type PriceOverride } from '../../src/pricing/index.ts';
import { relativeError } from '../helpers/ccusage.ts';
import { tempDir } from '../helpers/temp.ts';
import { assistantLine } from './oracle-fixture.ts';

const NOW = Date.UTC(2026, 5, 1);
const tokens = { input: 1_000_000, output: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0 };

/** One 1M-input response per timestamp, of `model`. */
async function root(dir: string, model: string, timestamps: readonly string[]): Promise<string> {
  const path = join(dir, 'root');
  await mkdir(join(path, 'projects', '-home-x'), { recursive: true });
  const lines = timestamps.map((ts, n) =>
    assistantLine({ modelId: model, tokens, breakdown: true, speed: 'standard' }, n, ts),
  );
  await writeFile(join(path, 'projects', '-home-x', 's1.jsonl'), `${lines.join('\n')}\n`);
  return path;
}

const session = (path: string, pricing: readonly PriceOverride[] = []) =>
  new IngestSession({
    roots: resolveDataRoots({ dataDirs: [path], env: {}, home: '/nonexistent' }),
    costMode: 'calculate',
    backfillMs: 0,
    pricing,
  });

const promo = priceOverridesFrom(
  {
    pricing: {
      'claude-sonnet-5-5': [
        { input: 4, output: 20 },
        { input: 2, output: 10, from: '2026-02-01', until: '2026-02-28' },
      ],
    },
  },
  'config.toml',
);

describe('price overrides in the ingest', () => {
  it('prices each response by its own timestamp: the dated price inside its range, the standing one outside', async () => {
    await using dir = await tempDir('cco-reprice-');
    const path = await root(dir.path, 'claude-sonnet-5-5-20260101', [
      '2026-01-31T23:59:59.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-02-28T23:59:59.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
    const s = session(path, promo);
    const result = await s.tick(NOW);
    expect(result.snapshot.total_cost).toBeCloseTo(4 + 2 + 2 + 4, 9);
    expect(s.unpriced).toEqual([]);
    s.close();
  });

  it('reprices what was counted when the prices change, to the figures a fresh start with them gives', async () => {
    await using dir = await tempDir('cco-reprice-');
    const path = await root(dir.path, 'claude-sonnet-5-5', [
      '2026-01-10T10:00:00.000Z',
      '2026-02-10T10:00:00.000Z',
      '2026-02-10T12:00:00.000Z',
    ]);
    const live = session(path);
    const before = await live.tick(NOW);
    expect(before.snapshot.total_cost).toBe(0);
    expect(before.health.unpriced_models).toEqual(['claude-sonnet-5-5']);

    live.reprice(promo);
    const after = await live.tick(NOW + 2_000);
    const fresh = session(path, promo);
    const expected = await fresh.tick(NOW + 2_000);
    expect(after.snapshot.total_cost).toBeCloseTo(4 + 2 + 2, 9);
    expect(relativeError(after.snapshot.total_cost, expected.snapshot.total_cost)).toBeLessThan(1e-12);
    expect(after.snapshot.models).toEqual(expected.snapshot.models);
    expect(after.health.unpriced_models).toEqual([]);
    // The billing blocks and the per-minute history move with the totals.
    const blockCost = (r: typeof after) => (r.blocks?.blocks ?? []).reduce((sum, b) => sum + b.cost, 0);
    expect(blockCost(after)).toBeCloseTo(8, 9);
    expect(after.minuteUpdates.reduce((sum, [, cost]) => sum + cost, 0)).toBeCloseTo(8, 9);
    live.close();
    fresh.close();
  });
});
