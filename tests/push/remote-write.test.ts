// Remote write from a composed daemon (in-process ingest, a manual clock driving the ticks) to a real Prometheus, through
// a real HTTP receiver in front of it that forwards, answers 400 / 429 / 503, or accepts and never answers.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { Database } from 'bun:sqlite';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { sampleToSpoolLine, type LimitSample } from '../../src/ledger/limit-samples.ts';
import type { RemoteWriteConfig } from '../../src/push/types.ts';
import type { HealthBody } from '../../src/client/types.ts';
import { metricsStack } from '../helpers/metrics.ts';
import { faultyReceiver, PROMETHEUS, startPrometheus, type PrometheusServer } from '../helpers/prometheus.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';
import { waitFor } from '../helpers/wait.ts';

const INTERVAL_MS = 200;
const COST = 'claude_code_cost_usage_USD_total';

const config = (url: string, extra: Partial<RemoteWriteConfig> = {}): RemoteWriteConfig => ({
  url,
  headers: {},
  intervalMs: INTERVAL_MS,
  timeoutMs: 2_000,
  maxBacklogSamples: 100_000,
  ...extra,
});

type Stack = ReturnType<typeof metricsStack>;

/** One tick, then the clock moves one push interval on; returns the health the tick left. */
async function tick(stack: Stack): Promise<NonNullable<HealthBody['remote_write']>> {
  await stack.aggregator.tickNow();
  stack.clock.advance(INTERVAL_MS);
  const body = (await (await stack.get('/api/health')).json()) as HealthBody;
  if (!body.remote_write) throw new Error('no remote_write in /api/health');
  return body.remote_write;
}

describe.skipIf(!PROMETHEUS)('remote write to a real Prometheus', () => {
  let prom: PrometheusServer;
  let root: TempDir;

  beforeAll(async () => {
    prom = await startPrometheus();
    root = await tempDir('cco-rw-root-');
    await generateDemoRoot(root.path, { now: Date.now(), sessions: 8, seed: 7 });
  }, 60_000);

  afterAll(async () => {
    await prom?.[Symbol.asyncDispose]();
    await root?.[Symbol.asyncDispose]();
  });

  /** True once every cost series of `machine` has `n` samples in the 30 s before `atMs` (one per push interval). */
  const hasSamples = async (machine: string, atMs: number, n: number): Promise<true | undefined> => {
    const counts = (await prom.query(`count_over_time(${COST}{machine="${machine}"}[30s])`, atMs / 1000)).map(
      (r) => r.value,
    );
    return counts.length > 0 && counts.every((c) => c === n) ? true : undefined;
  };

  it('keeps samples through 503 and 429 answers and sends every one, oldest first, once the receiver accepts', async () => {
    await using receiver = faultyReceiver(prom.writeUrl, 503);
    const start = Date.now();
    const stack = metricsStack(root.path, { now: start, machine: 'rw-retry', remoteWrite: config(receiver.url) });
    let last = await tick(stack);
    const perInterval = last.pending_samples;
    expect(perInterval).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) last = await tick(stack);
    await waitFor(() => ((receiver.seen['503'] ?? 0) > 0 ? true : undefined), 'a 503');
    receiver.mode = 429;
    await waitFor(() => ((receiver.seen['429'] ?? 0) > 0 ? true : undefined), 'a 429');
    last = await tick(stack);
    // Nothing accepted yet: every interval is kept.
    expect(last.pending_samples).toBe(5 * perInterval);
    expect(last.sent_samples).toBe(0);
    // (the 503 was counted before its retry went out as the 429; the 429's answer may still be on its way back)
    expect(last.failed_requests).toBeGreaterThanOrEqual(1);
    expect(last.last_error).toMatch(/HTTP (503|429)/);
    expect(stack.warnings.filter((w) => w.includes('remote write')).length).toBe(1);

    receiver.mode = 'pass';
    const lastTickAt = stack.clock.now() - INTERVAL_MS;
    await waitFor(() => hasSamples('rw-retry', lastTickAt, 5), 'the backlog in Prometheus', 15_000);
    const stats = (await (await stack.get('/api/stats')).json()) as { totals: { cost: number } };
    const [total] = await prom.query(`sum(${COST}{machine="rw-retry"})`, lastTickAt / 1000);
    expect(Math.abs((total?.value ?? Number.NaN) - stats.totals.cost)).toBeLessThanOrEqual(1e-6);
    expect(await prom.query(`resets(${COST}{machine="rw-retry"}[1m]) > 0`, lastTickAt / 1000)).toEqual([]);
    expect(stack.warnings.some((w) => /accepted again/.test(w))).toBe(true);
    await stack.close();
  }, 60_000);

  it('pushes the plan-limit gauges of a machine with no usage yet, and ends a window’s series at its reset', async () => {
    await using dir = await tempDir('cco-rw-limits-');
    const start = Date.now();
    const reading = (window: LimitSample['window'], usedPercent: number, resetsAt: number): LimitSample => ({
      window,
      usedPercent,
      resetsAt,
      observedAt: start - 60_000,
      session: 's',
      source: 'statusline',
      model: undefined,
    });
    const spoolPath = join(dir.path, 'limits.jsonl');
    const readings = [
      reading('five_hour', 97, start + 2.5 * INTERVAL_MS),
      reading('seven_day', 40, start + 86_400_000),
    ];
    await writeFile(spoolPath, readings.map((r) => `${sampleToSpoolLine(r)}\n`).join(''));
    const stack = metricsStack(join(dir.path, 'empty-root'), {
      now: start,
      machine: 'rw-limits',
      remoteWrite: config(prom.writeUrl),
      limits: { spoolPath },
    });
    for (let i = 0; i < 4; i++) await tick(stack);
    const lastTickAt = stack.clock.now() - INTERVAL_MS;
    const count = async (window: string) => {
      const expr = `count_over_time(cco_plan_limit_used_percent{machine="rw-limits", window="${window}"}[30s])`;
      return (await prom.query(expr, lastTickAt / 1000))[0]?.value;
    };
    // One sample per tick; the 5-hour figure only until its window reset, after the third tick.
    await waitFor(async () => ((await count('seven_day')) === 4 ? true : undefined), 'the weekly gauge', 15_000);
    expect(await count('five_hour')).toBe(3);
    const [used] = await prom.query(
      'cco_plan_limit_used_percent{machine="rw-limits", window="seven_day"}',
      lastTickAt / 1000,
    );
    expect(used?.value).toBe(40);
    await stack.close();
  }, 60_000);

  it('drops what the receiver refuses with a 400, logs it once, and sends what comes after', async () => {
    await using receiver = faultyReceiver(prom.writeUrl, 400);
    const stack = metricsStack(root.path, {
      now: Date.now(),
      machine: 'rw-refused',
      remoteWrite: config(receiver.url),
    });
    for (let i = 1; i <= 3; i++) {
      await tick(stack);
      await waitFor(() => ((receiver.seen['400'] ?? 0) >= i ? true : undefined), `refusal ${i}`);
    }
    const refused = await tick(stack);
    await waitFor(() => ((receiver.seen['400'] ?? 0) >= 4 ? true : undefined), 'refusal 4');
    expect(refused.dropped_samples).toBeGreaterThanOrEqual(3 * (refused.pending_samples || 1));
    expect(stack.warnings.filter((w) => /refused/.test(w))).toHaveLength(1);
    expect(stack.warnings[0]).toContain('HTTP 400: receiver says 400');

    receiver.mode = 'pass';
    const from = stack.clock.now();
    await tick(stack);
    await tick(stack);
    await waitFor(() => hasSamples('rw-refused', from + INTERVAL_MS, 2), 'the samples after the refusals', 15_000);
    await stack.close();
  }, 60_000);

  it('goes on ticking while the receiver holds a request open, and keeps a bounded backlog in the store', async () => {
    await using receiver = faultyReceiver(prom.writeUrl, 'stall');
    await using dir = await tempDir('cco-rw-db-');
    const dbPath = join(dir.path, 'cco.db');
    const probe = metricsStack(root.path, { now: Date.now(), machine: 'probe' });
    await probe.aggregator.tickNow();
    const perInterval = (await (await probe.get('/metrics')).text())
      .split('\n')
      .filter((l) => /^claude_code_(token_usage_tokens|cost_usage_USD|messages|api_requests)_total\{/.test(l)).length;
    await probe.close();
    const max = 3 * perInterval;
    const stack = metricsStack(root.path, {
      now: Date.now(),
      machine: 'rw-stall',
      dbPath,
      remoteWrite: config(receiver.url, { timeoutMs: 1_500, maxBacklogSamples: max }),
    });
    await tick(stack);
    await waitFor(() => (receiver.stalled > 0 ? true : undefined), 'a held request');
    let last = await tick(stack);
    for (let i = 0; i < 10; i++) last = await tick(stack);
    // Twelve ticks went by while the receiver still held the first request.
    expect(receiver.stalled).toBeGreaterThan(0);
    expect(last.pending_samples).toBeLessThanOrEqual(max);
    expect(last.dropped_samples).toBe(12 * perInterval - max);
    expect(stack.warnings.some((w) => /backlog full/.test(w))).toBe(true);
    await waitFor(async () => ((await tick(stack)).failed_requests > 0 ? true : undefined), 'the timeout', 10_000);
    await stack.close();
    const db = new Database(dbPath, { readonly: true });
    const kept = db.query('SELECT sum(n) AS n, count(*) AS rows FROM push_samples').get() as {
      n: number;
      rows: number;
    };
    db.close();
    expect(kept.n).toBeLessThanOrEqual(max);
    expect(kept.rows).toBeLessThanOrEqual(3);
  }, 60_000);

  it('keeps the backlog in the store across a restart and sends it, counters never going back', async () => {
    await using receiver = faultyReceiver(prom.writeUrl, 503);
    await using dir = await tempDir('cco-rw-db-');
    const dbPath = join(dir.path, 'cco.db');
    const start = Date.now();
    const first = metricsStack(root.path, {
      now: start,
      machine: 'rw-restart',
      dbPath,
      remoteWrite: config(receiver.url),
    });
    for (let i = 0; i < 4; i++) await tick(first);
    await first.close();

    receiver.mode = 'pass';
    const second = metricsStack(root.path, {
      now: start + 4 * INTERVAL_MS,
      machine: 'rw-restart',
      dbPath,
      remoteWrite: config(receiver.url),
    });
    await tick(second);
    await tick(second);
    const lastTickAt = start + 5 * INTERVAL_MS;
    await waitFor(() => hasSamples('rw-restart', lastTickAt, 6), 'both runs in Prometheus', 15_000);
    expect(await prom.query(`resets(${COST}{machine="rw-restart"}[1m]) > 0`, lastTickAt / 1000)).toEqual([]);
    const stats = (await (await second.get('/api/stats')).json()) as { totals: { cost: number } };
    const [total] = await prom.query(`sum(${COST}{machine="rw-restart"})`, lastTickAt / 1000);
    expect(Math.abs((total?.value ?? Number.NaN) - stats.totals.cost)).toBeLessThanOrEqual(1e-6);
    await second.close();
  }, 60_000);
});
