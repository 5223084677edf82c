// GET /api/limits and /api/statusline on a real data root: samples from the spool and ~/.claude.json, the session's
// own figures (from the daemon's ticks, or its transcript when not counted yet), limit alerts, and restarts.
import { describe, expect, it } from 'bun:test';
import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LimitsResponse, StatuslineResponse } from '../../src/api/limits.ts';
import { AlertsResponse } from '../../src/api/alerts.ts';
import { sampleToSpoolLine, type LimitSample } from '../../src/ledger/limit-samples.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';

async function bodyOf<T>(res: Response, schema: Parameters<typeof Value.Errors>[0]): Promise<T> {
  expect(res.status).toBe(200);
  const body: unknown = await res.json();
  const error = Value.Errors(schema, body).First();
  if (error) throw new Error(`body does not match its schema at ${error.path}: ${error.message}`);
  return body as T;
}

const sample = (usedPercent: number, minutesAgo: number, window: LimitSample['window'] = 'five_hour'): LimitSample => ({
  window,
  usedPercent,
  resetsAt: NOW + 2 * 3_600_000,
  observedAt: NOW - minutesAgo * 60_000,
  session: 'sess-1',
  source: 'statusline',
  model: undefined,
});

const spoolLines = (samples: readonly LimitSample[]) => samples.map((s) => `${sampleToSpoolLine(s)}\n`).join('');

async function root(dir: string) {
  const project = join(dir, 'projects', '-home-ada-src-cco');
  await mkdir(join(project, 'sess-1', 'subagents'), { recursive: true });
  await writeFile(
    join(project, 'sess-1.jsonl'),
    `${assistant({ id: 'm1', requestId: 'r1', sessionId: 'sess-1', timestamp: '2026-11-28T11:30:00.000Z', input: 1000, output: 1000, cacheWrite: 0, cacheRead: 0 })}\n`,
  );
  await writeFile(
    join(project, 'sess-1', 'subagents', 'agent-a.jsonl'),
    `${assistant({ id: 'm2', requestId: 'r2', sessionId: 'sess-1', sidechain: true, timestamp: '2026-11-28T11:40:00.000Z', input: 1000, output: 1000, cacheWrite: 0, cacheRead: 0 })}\n`,
  );
  return project;
}

describe('GET /api/limits', () => {
  it('serves the samples appended to the spool, their standing, history and forecast', async () => {
    await using dir = await tempDir();
    await root(dir.path);
    const spoolPath = join(dir.path, 'limits.jsonl');
    await writeFile(spoolPath, spoolLines([sample(20, 60), sample(30, 30), sample(40, 0), sample(63, 0, 'seven_day')]));
    const stack = metricsStack(dir.path, { limits: { spoolPath } });
    await stack.aggregator.tickNow();
    type Body = Static<typeof LimitsResponse>;
    const body = await bodyOf<Body>(await stack.get('/api/limits'), LimitsResponse);
    expect(body.samples_total).toBe(4);
    expect(body.current.map((c) => [c.window, c.used_percent, c.source])).toEqual([
      ['five_hour', 40, 'statusline'],
      ['seven_day', 63, 'statusline'],
    ]);
    const five = body.current[0];
    // 20 % an hour: 60 % left takes 3 h; the window resets in 2 h.
    expect(five?.forecast.rate_percent_per_hour).toBeCloseTo(20, 6);
    expect(five?.forecast.limit_before_reset).toBe(false);
    expect(body.history.map((s) => s.used_percent)).toEqual([20, 30, 40, 63]);
    expect((await stack.get('/api/limits?range=forever')).status).toBe(400);
  });

  it('reads only the spool lines appended since the last tick, and waits for a line to end', async () => {
    await using dir = await tempDir();
    await root(dir.path);
    const spoolPath = join(dir.path, 'limits.jsonl');
    await writeFile(spoolPath, spoolLines([sample(10, 20)]));
    const stack = metricsStack(dir.path, { limits: { spoolPath } });
    await stack.aggregator.tickNow();
    const line = sampleToSpoolLine(sample(15, 10));
    await appendFile(spoolPath, line.slice(0, 30));
    await stack.aggregator.tickNow();
    expect(stack.cache.limits.size).toBe(1);
    await appendFile(spoolPath, `${line.slice(30)}\n`);
    await stack.aggregator.tickNow();
    expect(stack.cache.limits.since(0).map((s) => s.usedPercent)).toEqual([10, 15]);
  });

  it('reads ~/.claude.json when present and gives the figure its age', async () => {
    await using dir = await tempDir();
    await root(dir.path);
    const claudeJsonPath = join(dir.path, '.claude.json');
    const fetchedAtMs = NOW - 3 * 86_400_000;
    await writeFile(
      claudeJsonPath,
      JSON.stringify({
        cachedUsageUtilization: {
          fetchedAtMs,
          utilization: { seven_day: { utilization: 70, resets_at: NOW / 1000 + 86_400 } },
        },
      }),
    );
    const stack = metricsStack(dir.path, { limits: { claudeJsonPath } });
    await stack.aggregator.tickNow();
    const body = await bodyOf<Static<typeof LimitsResponse>>(await stack.get('/api/limits'), LimitsResponse);
    expect(body.current.map((c) => [c.window, c.used_percent, c.source, c.age_s])).toEqual([
      ['seven_day', 70, 'claude.json', 3 * 86_400],
    ]);
  });

  it('keeps the samples across a restart without reading the spool twice', async () => {
    await using dir = await tempDir();
    await root(dir.path);
    const spoolPath = join(dir.path, 'limits.jsonl');
    const dbPath = join(dir.path, 'cco.db');
    await writeFile(spoolPath, spoolLines([sample(10, 20), sample(12, 10)]));
    const first = metricsStack(dir.path, { limits: { spoolPath }, dbPath });
    await first.opened;
    await first.aggregator.tickNow();
    await first.close();
    await appendFile(spoolPath, spoolLines([sample(14, 0)]));
    const second = metricsStack(dir.path, { limits: { spoolPath }, dbPath });
    await second.opened;
    await second.aggregator.tickNow();
    expect(second.cache.limits.since(0).map((s) => s.usedPercent)).toEqual([10, 12, 14]);
    await second.close();
  });
});

describe('plan-limit alerts', () => {
  it('raises one alert per window and threshold, listed with the budget alerts', async () => {
    await using dir = await tempDir();
    await root(dir.path);
    const spoolPath = join(dir.path, 'limits.jsonl');
    await writeFile(spoolPath, spoolLines([sample(85, 5), sample(91, 5, 'seven_day')]));
    const stack = metricsStack(dir.path, { limits: { spoolPath } });
    await stack.aggregator.tickNow();
    await appendFile(spoolPath, spoolLines([sample(87, 1)]));
    await stack.aggregator.tickNow();
    const body = await bodyOf<Static<typeof AlertsResponse>>(await stack.get('/api/alerts'), AlertsResponse);
    expect(body.alerts.map((a) => [a.budget, a.limit, a.unit]).sort()).toEqual([
      ['five_hour_percent', 80, 'percent'],
      ['seven_day_percent', 90, 'percent'],
    ]);
  });
});

describe('GET /api/statusline', () => {
  type Body = Static<typeof StatuslineResponse>;

  it("answers the session's own figures with its subagent files, today's spend and the active block", async () => {
    await using dir = await tempDir();
    const project = await root(dir.path);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const q = `session_id=sess-1&transcript_path=${encodeURIComponent(join(project, 'sess-1.jsonl'))}`;
    const body = await bodyOf<Body>(await stack.get(`/api/statusline?${q}`), StatuslineResponse);
    // Two sonnet-4-5 responses of 1,000 in and 1,000 out: 2 × $0.018.
    expect(body.session).toEqual({ id: 'sess-1', cost: 0.036, tokens: 4000, cache_read_share: 0, source: 'daemon' });
    expect(body.today.cost).toBe(0.036);
    expect(body.block?.cost).toBe(0.036);
    expect(body.block?.ends_at).toBe('2026-11-28T16:00:00.000Z');
  });

  it('reads a session the daemon has not counted yet from its transcript, new bytes only', async () => {
    await using dir = await tempDir();
    const project = await root(dir.path);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const fresh = join(project, 'sess-2.jsonl');
    const line = (id: string, output: number) =>
      `${assistant({ id, requestId: `r-${id}`, sessionId: 'sess-2', timestamp: '2026-11-28T11:59:00.000Z', input: 0, output, cacheWrite: 0, cacheRead: 3000 })}\n`;
    await writeFile(fresh, line('n1', 1000));
    const q = `session_id=sess-2&transcript_path=${encodeURIComponent(fresh)}`;
    let body = await bodyOf<Body>(await stack.get(`/api/statusline?${q}`), StatuslineResponse);
    expect(body.session).toEqual({
      id: 'sess-2',
      cost: 0.0159,
      tokens: 4000,
      cache_read_share: 1,
      source: 'transcript',
    });
    // The same response again (a content-block copy) and a new one: only the new one adds.
    await appendFile(fresh, line('n1', 1000) + line('n2', 1000));
    body = await bodyOf<Body>(await stack.get(`/api/statusline?${q}`), StatuslineResponse);
    expect(body.session?.cost).toBe(0.0318);
  });

  it('reads no file outside the data roots', async () => {
    await using dir = await tempDir();
    await using outside = await tempDir();
    await root(dir.path);
    const stray = join(outside.path, 'x.jsonl');
    await writeFile(stray, `${assistant({ id: 'z', sessionId: 'x' })}\n`);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const body = await bodyOf<Body>(
      await stack.get(`/api/statusline?session_id=x&transcript_path=${encodeURIComponent(stray)}`),
      StatuslineResponse,
    );
    expect(body.session).toBeNull();
  });
});
