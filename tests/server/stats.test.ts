import { describe, expect, it } from 'bun:test';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { HealthResponse } from '../../src/api/health.ts';
import { HistoryResponse } from '../../src/api/history.ts';
import { StatsResponse } from '../../src/api/stats.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { ccusage, expectTotalsEqualOracle } from '../helpers/ccusage.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';

/** The body, checked against the route's declared schema. */
async function body<S extends TSchema>(res: Response | Promise<Response>, schema: S): Promise<Static<S>> {
  const value: unknown = await (await res).json();
  const error = Value.Errors(schema, value).First();
  if (error) throw new Error(`response does not match its schema at ${error.path}: ${error.message}`);
  return value as Static<S>;
}

interface ErrorBody {
  error: string;
  message: string;
}
const errorBody = async (res: Response): Promise<ErrorBody> => (await res.json()) as ErrorBody;

async function demo() {
  const dir = await tempDir('cco-api-');
  await generateDemoRoot(dir.path, { now: NOW, sessions: 30 });
  return dir;
}

describe('GET /api/stats', () => {
  it('serves totals equal to ccusage, per model and top projects, matching its schema', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const res = await stack.get('/api/stats');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const stats = await body(res, StatsResponse);
    const oracle = await ccusage(dir.path);
    expectTotalsEqualOracle(stats.totals, oracle, 5);
    expect(stats.models.reduce((sum, m) => sum + m.percentage, 0)).toBeCloseTo(100, 0);
    expect(stats.projects.length).toBeLessThanOrEqual(20);
    expect(stats.activity.recent_calls).toHaveLength(20);
    expect(stats.stale_s).toBe(0);
  });

  it('narrows figures to today, this week and this month', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const totals: Record<string, number> = {};
    for (const range of ['today', 'week', 'month', 'all']) {
      const stats = await body(stack.get(`/api/stats?time_range=${range}`), StatsResponse);
      expect(stats.time_range).toBe(range as typeof stats.time_range);
      totals[range] = stats.totals.total_tokens;
    }
    expect(totals.today).toBeGreaterThan(0);
    expect(totals.today).toBeLessThanOrEqual(totals.week ?? 0);
    expect(totals.week).toBeLessThanOrEqual(totals.all ?? 0);
    expect(totals.month).toBeLessThanOrEqual(totals.all ?? 0);
  });

  it('reports staleness from the injected clock', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    stack.clock.advance(7500);
    expect((await body(stack.get('/api/stats'), StatsResponse)).stale_s).toBe(7.5);
  });

  it.each(['year', '', 'ALL', '%00'])('answers time_range=%p with a 400 naming the allowed values', async (value) => {
    await using dir = await demo();
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const res = await stack.get(`/api/stats?time_range=${value}`);
    expect(res.status).toBe(400);
    expect(await errorBody(res)).toEqual({
      error: 'bad_request',
      message: 'time_range must be one of: today, week, month, all',
    });
  });

  it('makes cold requests wait for the one initial ingest, then answer', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path);
    const pending = [stack.get('/api/stats'), stack.get('/api/stats'), stack.get('/api/metrics/history?range=24h')];
    await stack.aggregator.tickNow();
    const responses = await Promise.all(pending);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const health = await body(stack.get('/api/health'), HealthResponse);
    expect(health.bytes_read).toBe(health.last_tick?.bytes_read ?? -1);
  });

  it('answers 503 with Retry-After when the first ingest outlasts the wait', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path, { coldTimeoutMs: 1 });
    const res = await stack.get('/api/stats');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await errorBody(res)).toMatchObject({ error: 'warming_up' });
  });

  it('shows appended usage after the next tick', async () => {
    await using dir = await tempDir('cco-api-');
    const project = join(dir.path, 'projects', '-p');
    await mkdir(project, { recursive: true });
    await appendFile(
      join(project, 's.jsonl'),
      `${assistant({ id: 'a', requestId: 'ra', input: 5, timestamp: new Date(NOW - 1000).toISOString() })}\n`,
    );
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const before = (await body(stack.get('/api/stats'), StatsResponse)).totals.input_tokens;
    await appendFile(
      join(project, 's.jsonl'),
      `${assistant({ id: 'b', requestId: 'rb', input: 7, timestamp: new Date(NOW).toISOString() })}\n`,
    );
    stack.clock.advance(2000);
    await stack.aggregator.tickNow();
    expect((await body(stack.get('/api/stats'), StatsResponse)).totals.input_tokens).toBe(before + 7);
  });
});

describe('GET /api/health', () => {
  it('reports the last tick, files tracked, bytes read and the interval', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path, { intervalMs: 5000 });
    await stack.aggregator.tickNow();
    const health = await body(stack.get('/api/health'), HealthResponse);
    expect(health).toMatchObject({ ready: true, interval_s: 5, failed_ticks: 0, parse_errors: 0, skipped_files: 0 });
    expect(health.files_tracked).toBeGreaterThan(30);
    expect(health.bytes_read).toBeGreaterThan(100_000);
  });
});

describe('GET /api/metrics/history', () => {
  it('serves the last hour right after start, backfilled from the entries', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const history = await body(stack.get('/api/metrics/history?range=1h'), HistoryResponse);
    expect(history).toMatchObject({ range: '1h', step: '1m', source: 'snapshots' });
    expect(history.points).toHaveLength(60);
    expect(history.points.reduce((sum, p) => sum + p.tokens, 0)).toBeGreaterThan(0);
    const stats = await body(stack.get('/api/stats'), StatsResponse);
    expect(history.points.at(-1)?.total_tokens).toBe(stats.totals.total_tokens);
  });

  it('buckets longer ranges from entry timestamps; increments add up to the cumulative totals', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    for (const range of ['6h', '24h', '7d', '30d', 'all']) {
      const history = await body(stack.get(`/api/metrics/history?range=${range}`), HistoryResponse);
      expect(history.source).toBe('entries');
      expect(history.points.length).toBeLessThanOrEqual(1000);
      const first = history.points[0];
      const last = history.points.at(-1);
      if (!first || !last) throw new Error('no points');
      const sum = history.points.reduce((total, p) => total + p.tokens, 0);
      expect(last.total_tokens - first.total_tokens + first.tokens).toBe(sum);
    }
    const all = await body(stack.get('/api/metrics/history?range=all'), HistoryResponse);
    const stats = await body(stack.get('/api/stats'), StatsResponse);
    expect(all.points.at(-1)?.total_tokens).toBe(stats.totals.total_tokens);
  });

  it.each([
    ['range=2y', 'invalid range'],
    ['range=1h&step=abc', 'invalid step'],
    ['range=1h&step=1s', 'finer than'],
    ['range=30d&step=1m', 'at most 1000'],
    ['range=' + 'x'.repeat(3000), 'invalid range'], // long, but under the 4096-character URL limit (414 beyond)
  ])('answers %p with a 400 naming what is allowed', async (query, message) => {
    await using dir = await demo();
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const res = await stack.get(`/api/metrics/history?${query}`);
    expect(res.status).toBe(400);
    const error = await errorBody(res);
    expect(error.error).toBe('bad_request');
    expect(error.message).toContain(message);
  });
});

describe('history shorter than its range', () => {
  it('never shows a negative step when the snapshots cover less than the range', async () => {
    await using dir = await demo();
    const stack = metricsStack(dir.path, { intervalMs: 500, capacity: 60 });
    await stack.aggregator.tickNow();
    const history = await body(stack.get('/api/metrics/history?range=1h'), HistoryResponse);
    expect(history.points.every((p) => p.cost >= 0 && p.tokens >= 0 && p.messages >= 0)).toBe(true);
    expect(history.points.at(-1)?.total_tokens).toBeGreaterThan(0);
  });
});
