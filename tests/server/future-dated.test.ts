// Lines dated after now (a clock ahead, a hand-edited file): filed under their own dates, never in today or the active
// block; counted in `all` and flagged in /api/health.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertMonitor } from '../../src/alerts/alert-monitor.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';

const H = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

/** One response an hour ago and one two days ahead, 1000 input tokens each. */
async function rootWithFutureLine(dir: string): Promise<void> {
  const project = join(dir, 'projects', '-home-ada-src-cco');
  await mkdir(project, { recursive: true });
  const lines = [
    assistant({
      id: 'm-now',
      requestId: 'r-now',
      timestamp: at(NOW - H),
      input: 1000,
      output: 0,
      cacheWrite: 0,
      cacheRead: 0,
    }),
    assistant({
      id: 'm-ahead',
      requestId: 'r-ahead',
      timestamp: at(NOW + 2 * 24 * H),
      input: 1000,
      output: 0,
      cacheWrite: 0,
      cacheRead: 0,
    }),
  ];
  await writeFile(join(project, 'session-1.jsonl'), `${lines.join('\n')}\n`);
}

const json = async (res: Response): Promise<Record<string, unknown>> => (await res.json()) as Record<string, unknown>;
const totalsOf = async (stack: ReturnType<typeof metricsStack>, range: string) =>
  (await json(await stack.get(`/api/stats?time_range=${range}`))).totals as { input_tokens: number; messages: number };

describe('a line dated in the future', () => {
  it('is not counted today or this week, and is counted in all', async () => {
    await using dir = await tempDir('cco-future-');
    await rootWithFutureLine(dir.path);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    expect(await totalsOf(stack, 'today')).toMatchObject({ input_tokens: 1000, messages: 1 });
    expect(await totalsOf(stack, 'week')).toMatchObject({ input_tokens: 1000, messages: 1 });
    expect(await totalsOf(stack, 'all')).toMatchObject({ input_tokens: 2000, messages: 2 });
    const today = await json(await stack.get('/api/stats?time_range=today'));
    expect((today.activity as { recent_calls: { time: string }[] }).recent_calls.map((c) => c.time)).toEqual([
      at(NOW - H),
    ]);
  });

  it('counts on its own date once that date comes', async () => {
    await using dir = await tempDir('cco-future-');
    await rootWithFutureLine(dir.path);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    stack.clock.advance(2 * 24 * H);
    await stack.aggregator.tickNow();
    expect(await totalsOf(stack, 'today')).toMatchObject({ input_tokens: 1000, messages: 1 });
    expect((await json(await stack.get('/api/health'))).future_lines).toBe(0);
  });

  it('is flagged in /api/health as future_lines', async () => {
    await using dir = await tempDir('cco-future-');
    await rootWithFutureLine(dir.path);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    expect(await json(await stack.get('/api/health'))).toMatchObject({ status: 'ok', future_lines: 1 });
  });

  it('does not make its block the active one: the active block is the one holding now', async () => {
    await using dir = await tempDir('cco-future-');
    await rootWithFutureLine(dir.path);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const { blocks, active } = (await json(await stack.get('/api/blocks'))) as {
      blocks: { start: string; is_active: boolean; is_gap: boolean }[];
      active: { start: string } | null;
    };
    const real = blocks.filter((b) => !b.is_gap);
    expect(real.map((b) => [b.start, b.is_active])).toEqual([
      [at(NOW - H), true],
      [at(NOW + 2 * 24 * H), false],
    ]);
    expect(active?.start).toBe(at(NOW - H));
  });

  it('does not fire the daily budget', async () => {
    await using dir = await tempDir('cco-future-');
    await rootWithFutureLine(dir.path);
    // 1000 input tokens a response: today holds 1000, all time 2000.
    const stack = metricsStack(dir.path, { alerts: new AlertMonitor({ daily_tokens: 1500 }) });
    await stack.aggregator.tickNow();
    expect((await json(await stack.get('/api/alerts'))).alerts as unknown[]).toEqual([]);
  });
});
