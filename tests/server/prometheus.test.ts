// GET /metrics: Prometheus text exposition checked by promtool, values checked against /api/stats and ccusage.
import { describe, expect, it } from 'bun:test';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { sampleToSpoolLine, type LimitSample } from '../../src/ledger/limit-samples.ts';
import { LABELLED_PROJECTS } from '../../src/ledger/usage-series.ts';
import { assistant, apiError } from '../fixtures/log-lines.ts';
import { ccusage } from '../helpers/ccusage.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { parseExposition, sumOf, type PromSample } from '../helpers/prom-text.ts';
import { tempDir } from '../helpers/temp.ts';
import { runProcess } from '../helpers/run.ts';

const PROMTOOL = Bun.which('promtool');

/** Elysia runs onAfterResponse hooks in a setImmediate after the response: let them run. */
const afterResponses = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

interface Stats {
  totals: {
    cost: number;
    input_tokens: number;
    output_tokens: number;
    cache_read_tokens: number;
    cache_creation_tokens: number;
    messages: number;
    requests_failed: number;
  };
  models: { model: string; cost: number; tokens: number }[];
}

async function scrape(stack: ReturnType<typeof metricsStack>): Promise<{ text: string; samples: PromSample[] }> {
  const res = await stack.get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await res.text();
  return { text, samples: parseExposition(text) };
}

/** `promtool check metrics` on the text: exit code and what it printed (lint findings). */
async function promtoolCheck(text: string): Promise<{ code: number; output: string }> {
  const { code, out, err } = await runProcess([PROMTOOL as string, 'check', 'metrics'], {
    stdin: new TextEncoder().encode(text),
  });
  return { code, output: (out + err).trim() };
}

const HOUR = 3_600_000;

/** A status line's plan-limit reading, as the spool keeps it. */
const limitSample = (
  window: LimitSample['window'],
  usedPercent: number,
  minutesAgo: number,
  resetsAt: number,
  model?: string,
): LimitSample => ({
  window,
  usedPercent,
  resetsAt,
  observedAt: NOW - minutesAgo * 60_000,
  session: 'sess-1',
  source: 'statusline',
  model,
});

async function writeSpool(dir: string, samples: readonly LimitSample[]): Promise<string> {
  const spoolPath = join(dir, 'limits.jsonl');
  await writeFile(spoolPath, samples.map((s) => `${sampleToSpoolLine(s)}\n`).join(''));
  return spoolPath;
}

describe('GET /metrics', () => {
  it('counts tokens, cost and requests so that their sums equal /api/stats and ccusage', async () => {
    await using dir = await tempDir('cco-prom-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 30 });
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const { samples } = await scrape(stack);
    const stats = (await (await stack.get('/api/stats')).json()) as Stats;
    const oracle = await ccusage(dir.path);

    expect(Math.abs(sumOf(samples, 'claude_code_cost_usage_USD_total') - stats.totals.cost)).toBeLessThan(1e-6);
    expect(sumOf(samples, 'claude_code_cost_usage_USD_total')).toBeCloseTo(oracle.totals.totalCost, 5);
    const tokens = (type: string) => sumOf(samples, 'claude_code_token_usage_tokens_total', { type });
    expect(tokens('input')).toBe(oracle.totals.inputTokens);
    expect(tokens('output')).toBe(oracle.totals.outputTokens);
    expect(tokens('cacheRead')).toBe(oracle.totals.cacheReadTokens);
    expect(tokens('cacheCreation')).toBe(oracle.totals.cacheCreationTokens);
    expect(sumOf(samples, 'claude_code_messages_total')).toBe(stats.totals.messages);
    expect(sumOf(samples, 'claude_code_api_requests_total', { status: 'ok' })).toBe(stats.totals.messages);
    expect(sumOf(samples, 'claude_code_api_requests_total', { status: 'failed' })).toBe(stats.totals.requests_failed);
    for (const m of stats.models) {
      expect(sumOf(samples, 'claude_code_cost_usage_USD_total', { model: m.model })).toBeCloseTo(m.cost, 6);
      expect(sumOf(samples, 'claude_code_token_usage_tokens_total', { model: m.model })).toBe(m.tokens);
    }
  });

  it("names cost as Claude Code's export does and keeps cco's old lower-case name as an alias with the same samples", async () => {
    await using dir = await tempDir('cco-prom-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 8 });
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const { text, samples } = await scrape(stack);
    expect(text).toContain('# TYPE claude_code_cost_usage_USD_total counter\n');
    expect(text).toContain('# TYPE claude_code_token_usage_tokens_total counter\n');
    const pick = (name: string) => samples.filter((s) => s.name === name).map((s) => [s.labels, s.value]);
    expect(pick('claude_code_cost_usage_USD_total').length).toBeGreaterThan(0);
    expect(pick('claude_code_cost_usage_usd_total')).toEqual(pick('claude_code_cost_usage_USD_total'));
    const types = new Set(
      samples.filter((s) => s.name === 'claude_code_token_usage_tokens_total').map((s) => s.labels.type),
    );
    expect([...types].sort()).toEqual(['cacheCreation', 'cacheRead', 'input', 'output']);
  });

  it.skipIf(!PROMTOOL)(
    'passes promtool check metrics, label values with quotes, backslashes and newlines included',
    async () => {
      await using dir = await tempDir('cco-prom-');
      await generateDemoRoot(dir.path, { now: NOW, sessions: 10 });
      const odd = join(dir.path, 'projects', 'odd "quoted" \\ back\nline');
      await mkdir(odd, { recursive: true });
      await appendFile(
        join(odd, 's.jsonl'),
        `${assistant({ id: 'msg_odd', requestId: 'req_odd', timestamp: '2026-11-27T10:00:00.000Z', model: 'claude-opus-4-5-20251101' })}\n${apiError('msg_err')}\n`,
      );
      const spoolPath = await writeSpool(dir.path, [
        limitSample('five_hour', 42.5, 0, NOW + HOUR),
        limitSample('seven_day_model', 70, 0, NOW + 48 * HOUR, 'Opus "4" \\ x'),
      ]);
      const stack = metricsStack(dir.path, { machine: 'laptop "a"', limits: { spoolPath } });
      await stack.aggregator.tickNow();
      await stack.get('/nope');
      const { text, samples } = await scrape(stack);
      const check = await promtoolCheck(text);
      expect(check.output).toBe('');
      expect(check.code).toBe(0);
      expect(samples.some((s) => s.labels.project === 'odd "quoted" \\ back\nline')).toBe(true);
      expect(sumOf(samples, 'cco_plan_limit_used_percent', { model: 'Opus "4" \\ x' })).toBe(70);
      expect(samples.every((s) => s.labels.machine === 'laptop "a"')).toBe(true);
      expect(
        sumOf(samples, 'claude_code_api_requests_total', {
          status: 'failed',
          model: '<synthetic>',
          project: 'odd "quoted" \\ back\nline',
        }),
      ).toBe(1);
    },
  );

  it.skipIf(!PROMTOOL)('passes promtool check metrics before the first ingest, with daemon health only', async () => {
    await using dir = await tempDir('cco-prom-');
    const stack = metricsStack(dir.path);
    const { text, samples } = await scrape(stack);
    expect(await promtoolCheck(text)).toEqual({ code: 0, output: '' });
    expect(sumOf(samples, 'cco_ready')).toBe(0);
    expect(samples.some((s) => s.name.startsWith('claude_code_'))).toBe(false);
  });

  it("gauges each plan-limit window's latest figure and its reset, and drops a figure once its window has reset", async () => {
    await using dir = await tempDir('cco-prom-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 3 });
    const spoolPath = await writeSpool(dir.path, [
      limitSample('five_hour', 20, 30, NOW + 2 * HOUR),
      limitSample('five_hour', 40, 0, NOW + 2 * HOUR),
      limitSample('seven_day', 63, 0, NOW + 72 * HOUR),
      limitSample('seven_day_model', 55, 0, NOW + 72 * HOUR, 'Opus'),
      limitSample('seven_day_model', 90, 60, NOW - HOUR, 'Sonnet'),
    ]);
    const stack = metricsStack(dir.path, { machine: 'box', limits: { spoolPath } });
    await stack.aggregator.tickNow();
    const { text, samples } = await scrape(stack);
    expect(text).toContain('# TYPE cco_plan_limit_used_percent gauge\n');
    const gauge = (name: string) =>
      samples
        .filter((s) => s.name === name)
        .map((s) => [s.labels.window, s.labels.model ?? '', s.labels.machine, s.value])
        .sort();
    expect(gauge('cco_plan_limit_used_percent')).toEqual([
      ['five_hour', '', 'box', 40],
      ['seven_day', '', 'box', 63],
      ['seven_day_model', 'Opus', 'box', 55],
    ]);
    expect(gauge('cco_plan_limit_reset_timestamp_seconds')).toEqual([
      ['five_hour', '', 'box', (NOW + 2 * HOUR) / 1000],
      ['seven_day', '', 'box', (NOW + 72 * HOUR) / 1000],
      ['seven_day_model', 'Opus', 'box', (NOW + 72 * HOUR) / 1000],
    ]);
    expect(sumOf(samples, 'cco_plan_limit_observed_timestamp_seconds', { window: 'five_hour' })).toBe(NOW / 1000);

    // Past the 5-hour reset, with no newer reading, that figure says nothing any more.
    stack.clock.advance(2 * HOUR);
    const later = (await scrape(stack)).samples;
    expect(later.filter((s) => s.name === 'cco_plan_limit_used_percent').map((s) => s.labels.window)).toEqual([
      'seven_day',
      'seven_day_model',
    ]);
  });

  it(`labels at most ${LABELLED_PROJECTS} projects, sums the rest as "other", and keeps a label once given`, async () => {
    await using dir = await tempDir('cco-prom-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 60, projects: 30 });
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const projectsOf = (samples: PromSample[]) =>
      new Set(samples.filter((s) => s.name === 'claude_code_cost_usage_USD_total').map((s) => s.labels.project));
    const first = (await scrape(stack)).samples;
    const labelled = projectsOf(first);
    expect(labelled.size).toBe(LABELLED_PROJECTS + 1);
    expect(labelled.has('other')).toBe(true);
    const stats = (await (await stack.get('/api/stats')).json()) as Stats & { projects: { name: string }[] };
    // The first tick labels the top 20 by cost: exactly /api/stats' top projects.
    expect([...labelled].filter((p) => p !== 'other').sort()).toEqual(stats.projects.map((p) => p.name).sort());

    // A newcomer that becomes the costliest project stays under "other": labels never move, so counters never drop.
    const big = join(dir.path, 'projects', '-home-ada-src-newcomer');
    await mkdir(big, { recursive: true });
    await appendFile(
      join(big, 's.jsonl'),
      `${assistant({ id: 'msg_big', requestId: 'req_big', timestamp: new Date(NOW - 60_000).toISOString(), model: 'claude-opus-4-1', input: 5_000_000, output: 2_000_000 })}\n`,
    );
    stack.clock.advance(2000);
    await stack.aggregator.tickNow();
    const second = (await scrape(stack)).samples;
    expect(projectsOf(second)).toEqual(labelled);
    for (const s of first.filter((x) => x.name.startsWith('claude_code_'))) {
      const after = second.find((x) => x.name === s.name && JSON.stringify(x.labels) === JSON.stringify(s.labels));
      expect(after?.value ?? -1).toBeGreaterThanOrEqual(s.value);
    }
    expect(
      sumOf(second, 'claude_code_cost_usage_USD_total', { project: 'other' }) -
        sumOf(first, 'claude_code_cost_usage_USD_total', { project: 'other' }),
    ).toBeGreaterThan(100);
  });

  it('counts HTTP requests by route template and status, unknown paths under one label', async () => {
    await using dir = await tempDir('cco-prom-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 5 });
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    await stack.get('/api/stats');
    await stack.get('/api/stats?time_range=week');
    await stack.get('/api/stats?time_range=bogus');
    for (let i = 0; i < 5; i++) await stack.get(`/scan/${i}/wp-login.php`);
    await afterResponses();
    const { samples } = await scrape(stack);
    const requests = (route: string, status: string) => sumOf(samples, 'cco_http_requests_total', { route, status });
    expect(requests('/api/stats', '200')).toBe(2);
    expect(requests('/api/stats', '400')).toBe(1);
    expect(requests('unmatched', '404')).toBe(5);
    expect(
      samples.filter((s) => s.name === 'cco_http_requests_total').every((s) => !s.labels.route?.includes('wp-login')),
    ).toBe(true);
    // The scrape itself is counted once it has been answered.
    expect(requests('/metrics', '200')).toBe(0);
    await afterResponses();
    expect(sumOf((await scrape(stack)).samples, 'cco_http_requests_total', { route: '/metrics', status: '200' })).toBe(
      1,
    );
  });

  it('observes every tick in cco_tick_duration_seconds and reports ingest health', async () => {
    await using dir = await tempDir('cco-prom-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 5 });
    await appendFile(join(dir.path, 'projects', '-home-ada-src-cco', 'broken.jsonl'), '{"usage":{ not json\n');
    const stack = metricsStack(dir.path);
    for (let i = 0; i < 3; i++) {
      await stack.aggregator.tickNow();
      stack.clock.advance(2000);
    }
    const { samples } = await scrape(stack);
    expect(sumOf(samples, 'cco_tick_duration_seconds_count')).toBe(3);
    expect(sumOf(samples, 'cco_tick_duration_seconds_bucket', { le: '+Inf' })).toBe(3);
    expect(sumOf(samples, 'cco_tick_duration_seconds_sum')).toBeGreaterThan(0);
    const health = (await (await stack.get('/api/health')).json()) as {
      bytes_read: number;
      files_tracked: number;
      parse_errors: number;
    };
    expect(sumOf(samples, 'cco_ingest_bytes_total')).toBe(health.bytes_read);
    expect(sumOf(samples, 'cco_parse_errors_total')).toBe(1);
    expect(health.parse_errors).toBe(1);
    expect(sumOf(samples, 'cco_files_tracked')).toBe(health.files_tracked);
    expect(sumOf(samples, 'cco_ready')).toBe(1);
    expect(sumOf(samples, 'cco_build_info', { version: 'test' })).toBe(1);
  });
});
