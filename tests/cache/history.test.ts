// History over a year of per-minute data: answers bounded by their points, computed once per tick and (range, step).
import { describe, expect, it } from 'bun:test';
import { manualClock } from '../../src/platform/clock.ts';
import { generateDemoRoot, seededRandom } from '../../src/demo/index.ts';
import { CumulativeSeries } from '../../src/cache/cumulative-series.ts';
import { buildHistory } from '../../src/cache/history.ts';
import { StatsCache } from '../../src/cache/stats-cache.ts';
import type { BucketUpdate } from '../../src/ledger/time-series.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';
import { MAX_POINTS } from '../../src/api/values.ts';

const MINUTE = 60_000;
const YEAR_OF_MINUTES = 365 * 24 * 60;

/** Sums of the buckets starting before t, the slow way. */
function naiveBefore(buckets: ReadonlyMap<number, BucketUpdate>, t: number) {
  let cost = 0;
  let tokens = 0;
  let messages = 0;
  for (const [start, , tok, msg] of buckets.values()) {
    if (start >= t) continue;
    cost += buckets.get(start)?.[1] ?? 0;
    tokens += tok;
    messages += msg;
  }
  return { cost, tokens, messages };
}

describe('CumulativeSeries', () => {
  it('sums the buckets before any instant as a fold would, through appends, rewrites, inserts and removals', () => {
    const random = seededRandom(7);
    const series = new CumulativeSeries(MINUTE);
    const oracle = new Map<number, BucketUpdate>();
    for (let round = 0; round < 40; round++) {
      const updates: BucketUpdate[] = [];
      for (let i = 0; i < 50; i++) {
        const start = random.int(0, 2000) * MINUTE;
        const empty = random.chance(0.15);
        updates.push(empty ? [start, 0, 0, 0] : [start, random.int(1, 100) / 8, random.int(1, 1000), random.int(1, 5)]);
      }
      // A tick mostly appends the latest minutes.
      updates.push([(2001 + round) * MINUTE, 1, 10, 1]);
      series.apply(updates);
      for (const u of updates) {
        if (u[2] === 0 && u[3] === 0) oracle.delete(u[0]);
        else oracle.set(u[0], u);
      }
      expect(series.size).toBe(oracle.size);
      for (const t of [0, 1, 500 * MINUTE, 500 * MINUTE + 1, 1999 * MINUTE, 5000 * MINUTE])
        expect(series.before(t)).toEqual(naiveBefore(oracle, t));
    }
    expect(series.oldest).toBe(Math.min(...oracle.keys()));
  });
});

describe('history over a year of minutes', () => {
  const cache = new StatsCache({ clock: manualClock(NOW), intervalMs: 2000, startedAtMs: NOW, port: () => 0 });
  const updates: BucketUpdate[] = [];
  for (let i = 0; i < YEAR_OF_MINUTES; i++) updates.push([NOW - i * MINUTE, 0.5, 100, 1]);
  cache.minutes.apply(updates);

  it('answers every range with at most MAX_POINTS points whose last total is everything up to now', () => {
    for (const range of ['6h', '24h', '7d', '30d', 'all'] as const) {
      const history = buildHistory(cache, range, undefined, NOW);
      expect(history.points.length).toBeLessThanOrEqual(MAX_POINTS);
      expect(history.points.at(-1)).toMatchObject({ timestamp: NOW });
    }
    const all = buildHistory(cache, 'all', undefined, NOW);
    expect(all.points.at(-1)).toMatchObject({ total_tokens: 100 * YEAR_OF_MINUTES, messages_count: YEAR_OF_MINUTES });
    expect(all.points.reduce((sum, p) => sum + p.messages, 0)).toBe(
      YEAR_OF_MINUTES - all.points[0]!.messages_count + all.points[0]!.messages,
    );
  });

  it('leaves out minutes dated after now', () => {
    cache.minutes.apply([[NOW + 2 * 86_400_000, 9, 9000, 9]]);
    expect(buildHistory(cache, 'all', undefined, NOW).points.at(-1)).toMatchObject({
      total_tokens: 100 * YEAR_OF_MINUTES,
    });
    cache.minutes.apply([[NOW + 2 * 86_400_000, 0, 0, 0]]);
  });
});

describe('GET /api/metrics/history answers', () => {
  it('computes each (range, step) once per tick: repeats within a tick are the same answer', async () => {
    await using dir = await tempDir('cco-history-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 6 });
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const before = stack.cache.history.computed;
    const bodies: string[] = [];
    for (let i = 0; i < 5; i++) {
      for (const query of ['range=all', 'range=7d&step=1h', 'range=1h']) {
        const res = await stack.get(`/api/metrics/history?${query}`);
        expect(res.status).toBe(200);
        if (query === 'range=all') bodies.push(await res.text());
      }
      stack.clock.advance(500); // (time passes, no tick: nothing to recompute)
    }
    expect(stack.cache.history.computed - before).toBe(3);
    expect(new Set(bodies).size).toBe(1);
    stack.clock.advance(2000);
    await stack.aggregator.tickNow();
    await stack.get('/api/metrics/history?range=all');
    await stack.get('/api/metrics/history?range=all');
    expect(stack.cache.history.computed - before).toBe(4);
  });

  it('keeps a bounded number of answers when a client cycles through steps', async () => {
    await using dir = await tempDir('cco-history-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 2 });
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const first = await (await stack.get('/api/metrics/history?range=24h&step=2m')).text();
    for (let minutes = 3; minutes <= 200; minutes++)
      expect((await stack.get(`/api/metrics/history?range=24h&step=${minutes}m`)).status).toBe(200);
    // The first answer was evicted: it is computed again (the same), then kept.
    const computed = stack.cache.history.computed;
    expect(await (await stack.get('/api/metrics/history?range=24h&step=2m')).text()).toBe(first);
    expect(await (await stack.get('/api/metrics/history?range=24h&step=2m')).text()).toBe(first);
    expect(stack.cache.history.computed).toBe(computed + 1);
  });
});
