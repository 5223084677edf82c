// GET /api/blocks: 5-hour billing blocks checked against `ccusage claude blocks`, plus the recent filter and errors.
import { describe, expect, it } from 'bun:test';
import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { BlocksResponse } from '../../src/api/blocks.ts';
import { ccusage } from '../helpers/ccusage.ts';
import { metricsStack } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';
import { SHAPES_2026, write2026Root } from '../fixtures/root-2026.ts';

type Blocks = Static<typeof BlocksResponse>;

interface OracleBlock {
  id: string;
  startTime: string;
  endTime: string;
  actualEndTime: string | null;
  isActive: boolean;
  isGap: boolean;
  entries: number;
  costUSD: number;
  models: string[];
  totalTokens: number;
  tokenCounts: {
    inputTokens: number;
    outputTokens: number;
    cacheCreationInputTokens: number;
    cacheReadInputTokens: number;
  };
  burnRate: { tokensPerMinute: number; tokensPerMinuteForIndicator: number; costPerHour: number } | null;
  projection: { totalTokens: number; totalCost: number; remainingMinutes: number } | null;
  usageLimitResetTime?: string;
}

async function blocksOf(stack: ReturnType<typeof metricsStack>, query = ''): Promise<Blocks> {
  const res = await stack.get(`/api/blocks${query}`);
  expect(res.status).toBe(200);
  const body: unknown = await res.json();
  const error = Value.Errors(BlocksResponse, body).First();
  if (error) throw new Error(`/api/blocks does not match its schema at ${error.path}: ${error.message}`);
  return body as Blocks;
}

/** ccusage keeps milliseconds, cco seconds: compare instants to the second. */
const second = (iso: string | null) =>
  iso === null ? null : new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

describe('GET /api/blocks on 2026-shaped logs', () => {
  const figures = (b: Blocks['blocks'][number]) => [
    second(b.start),
    b.entries,
    b.input_tokens,
    b.output_tokens,
    b.cache_creation_tokens,
    b.cache_read_tokens,
    b.usage_limit_reset_time,
  ];
  const oracleFigures = (o: OracleBlock) => [
    second(o.startTime),
    o.entries,
    o.tokenCounts.inputTokens,
    o.tokenCounts.outputTokens,
    o.tokenCounts.cacheCreationInputTokens,
    o.tokenCounts.cacheReadInputTokens,
    o.usageLimitResetTime ?? null,
  ];

  it('has the blocks of ccusage, with the reset time a "usage limit reached" error announced', async () => {
    await using dir = await tempDir('cco-blocks-2026-');
    // (ccusage's blocks report reads no agent-progress lines: see the next test)
    await write2026Root(dir.path, {
      shapes: SHAPES_2026.filter((s) => s !== 'agent-progress' && s !== 'progress-only'),
      perShape: 12,
    });
    const oracle = (await ccusage<{ blocks: OracleBlock[] }>(dir.path, 'blocks')).blocks.filter((o) => !o.isGap);
    const stack = metricsStack(dir.path, { now: Date.UTC(2026, 11, 1) });
    await stack.aggregator.tickNow();
    const blocks = (await blocksOf(stack)).blocks.filter((b) => !b.is_gap);
    expect(blocks.map(figures)).toEqual(oracle.map(oracleFigures));
    expect(blocks.filter((b) => b.usage_limit_reset_time !== null).length).toBeGreaterThan(0);
    blocks.forEach((b, i) => {
      expect(b.cost).toBeCloseTo(oracle[i]?.costUSD ?? Number.NaN, 5); // (the view rounds to 1e-6 USD)
      expect([...b.models].sort()).toEqual([...(oracle[i]?.models ?? [])].sort());
    });
  });

  it("counts agent-progress usage in its blocks, where ccusage's blocks report (not its daily) leaves it out", async () => {
    await using dir = await tempDir('cco-blocks-progress-');
    await write2026Root(dir.path, { shapes: ['progress-only'], perShape: 5 });
    const [daily, oracle] = await Promise.all([
      ccusage(dir.path),
      ccusage<{ blocks?: OracleBlock[] }>(dir.path, 'blocks'),
    ]);
    const stack = metricsStack(dir.path, { now: Date.UTC(2026, 11, 1) });
    await stack.aggregator.tickNow();
    const blocks = (await blocksOf(stack)).blocks.filter((b) => !b.is_gap);
    expect((oracle.blocks ?? []).filter((o) => !o.isGap)).toEqual([]);
    expect(blocks.reduce((n, b) => n + b.input_tokens, 0)).toBe(daily.totals.inputTokens);
    expect(daily.totals.inputTokens).toBeGreaterThan(0);
  });
});

describe('GET /api/blocks', () => {
  it("lists the same blocks and gaps as ccusage, with the active block's burn rate and projection", async () => {
    await using dir = await tempDir('cco-blocks-');
    // Dated from the real clock (ccusage decides what is active by it), on the hour: the same entries relative to every
    // hour boundary in every run, so block edges never depend on when the test runs.
    await generateDemoRoot(dir.path, { now: Math.floor(Date.now() / 3_600_000) * 3_600_000, sessions: 40, seed: 7 });
    const before = Date.now();
    const oracle = (await ccusage<{ blocks: OracleBlock[] }>(dir.path, 'blocks')).blocks;
    const now = Math.round((before + Date.now()) / 2);
    const stack = metricsStack(dir.path, { now });
    await stack.aggregator.tickNow();
    const { blocks, active } = await blocksOf(stack);

    expect(
      blocks.map((b) => [
        b.id.startsWith('gap-') ? `gap-${second(b.start)}` : b.id,
        second(b.start),
        second(b.end),
        b.actual_end,
        b.is_gap,
      ]),
    ).toEqual(
      oracle.map((o) => [
        o.isGap ? `gap-${second(o.startTime)}` : o.id,
        second(o.startTime),
        second(o.endTime),
        second(o.actualEndTime),
        o.isGap,
      ]),
    );
    oracle.forEach((o, i) => {
      const b = blocks[i];
      expect(b).toMatchObject({
        is_active: o.isActive,
        entries: o.entries,
        total_tokens: o.totalTokens,
        input_tokens: o.tokenCounts.inputTokens,
        output_tokens: o.tokenCounts.outputTokens,
        cache_creation_tokens: o.tokenCounts.cacheCreationInputTokens,
        cache_read_tokens: o.tokenCounts.cacheReadInputTokens,
      });
      expect(b?.cost).toBeCloseTo(o.costUSD, 5);
      expect([...(b?.models ?? [])].sort()).toEqual([...o.models].sort());
    });

    const oracleActive = oracle.find((o) => o.isActive);
    expect(oracleActive).toBeDefined();
    expect(active?.id).toBe(oracleActive?.id as string);
    const rate = active?.burn_rate;
    const theirs = oracleActive?.burnRate;
    // Rates divide by the first-to-last-entry time, which cco knows to the second and ccusage to the millisecond.
    const near = (ours: number | undefined, reference: number | undefined) =>
      Math.abs((ours ?? 0) / (reference ?? Number.NaN) - 1);
    expect(near(rate?.tokens_per_minute, theirs?.tokensPerMinute)).toBeLessThan(1e-3);
    expect(near(rate?.tokens_per_minute_for_indicator, theirs?.tokensPerMinuteForIndicator)).toBeLessThan(1e-3);
    expect(near(rate?.cost_per_hour, theirs?.costPerHour)).toBeLessThan(1e-3);
    // ccusage ran a moment before: the minutes left may differ by one.
    const p = active?.projection;
    const q = oracleActive?.projection;
    expect(Math.abs((p?.remaining_minutes ?? 0) - (q?.remainingMinutes ?? 0))).toBeLessThanOrEqual(1);
    const minutes = (p?.remaining_minutes ?? 0) + 1;
    expect(near(p?.total_tokens, q?.totalTokens)).toBeLessThan(
      1e-3 + (rate?.tokens_per_minute ?? 0) / (q?.totalTokens ?? 1),
    );
    expect(Math.abs((p?.total_cost ?? 0) - (q?.totalCost ?? 0))).toBeLessThanOrEqual(
      ((rate?.cost_per_hour ?? 0) / 60) * (1 + minutes * 1e-3) + 0.005,
    );
  });

  it('keeps the last 3 days and the active block with recent=true', async () => {
    await using dir = await tempDir('cco-blocks-');
    const now = Date.UTC(2026, 10, 28, 12);
    await generateDemoRoot(dir.path, { now, sessions: 40 });
    const stack = metricsStack(dir.path, { now });
    await stack.aggregator.tickNow();
    const all = await blocksOf(stack);
    const recent = await blocksOf(stack, '?recent=true');
    expect(recent.blocks.length).toBeGreaterThan(0);
    expect(recent.blocks.length).toBeLessThan(all.blocks.length);
    expect(recent.blocks.every((b) => b.is_active || Date.parse(b.start) >= now - 3 * 86_400_000)).toBe(true);
    expect(recent.active).toEqual(all.active);
  });

  it('answers recent=maybe with a 400, and a 503 when the first ingest has not finished in time', async () => {
    await using dir = await tempDir('cco-blocks-');
    const stack = metricsStack(dir.path, { coldTimeoutMs: 20 });
    expect((await stack.get('/api/blocks?recent=maybe')).status).toBe(400);
    const cold = await stack.get('/api/blocks');
    expect(cold.status).toBe(503);
    expect(cold.headers.get('retry-after')).toBe('2');
    await stack.aggregator.tickNow();
    expect(await blocksOf(stack)).toEqual({ blocks: [], active: null });
  });
});
