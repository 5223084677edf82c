// Budgets and alerts: GET /api/alerts, the SSE `alert` event, and the webhook (a real local receiver) with retries.
import { describe, expect, it } from 'bun:test';
import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertMonitor } from '../../src/alerts/alert-monitor.ts';
import { WebhookSender } from '../../src/alerts/webhook.ts';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { AlertsResponse } from '../../src/api/alerts.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { EventHub } from '../../src/server/events/event-hub.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { openEventStream } from '../helpers/sse.ts';
import { tempDir } from '../helpers/temp.ts';

type Alerts = Static<typeof AlertsResponse>;

async function alertsOf(get: (path: string) => Promise<Response>): Promise<Alerts> {
  const body: unknown = await (await get('/api/alerts')).json();
  const error = Value.Errors(AlertsResponse, body).First();
  if (error) throw new Error(`/api/alerts does not match its schema at ${error.path}: ${error.message}`);
  return body as Alerts;
}

/** A local HTTP receiver that records each POST body and answers with the statuses given, then 200. */
function receiver(statuses: number[] = [], hold?: Promise<void>) {
  const bodies: unknown[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(req) {
      bodies.push(await req.json());
      if (hold) await hold;
      return new Response(null, { status: statuses.shift() ?? 200 });
    },
  });
  return { url: `http://127.0.0.1:${server.port}/hook`, bodies, stop: () => server.stop(true) };
}

describe('budgets and alerts', () => {
  it('raises an alert once per budget and period, lists it, and streams it as an SSE event', async () => {
    await using dir = await tempDir('cco-alerts-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 20 });
    const events = new EventHub({ heartbeatMs: 15_000 });
    const stack = metricsStack(dir.path, {
      events,
      alerts: new AlertMonitor({ daily_usd: 0.01, block_usd: 0.01, monthly_tokens: 1e15 }),
    });
    stack.app.listen({ port: 0, hostname: '127.0.0.1' });
    try {
      await using client = await openEventStream(`http://127.0.0.1:${stack.app.server?.port}/api/events`);
      await stack.aggregator.tickNow();
      const streamed = (
        await client.until((f) => f.event === 'alert' && JSON.parse(f.data ?? '{}').budget === 'block_usd')
      ).filter((f) => f.event === 'alert');
      expect(streamed.map((f) => JSON.parse(f.data ?? '{}').budget)).toEqual(['daily_usd', 'block_usd']);

      const first = await alertsOf(stack.get);
      expect(first.budgets).toEqual({ daily_usd: 0.01, block_usd: 0.01, monthly_tokens: 1e15 });
      expect(first.alerts.map((a) => a.budget).sort()).toEqual(['block_usd', 'daily_usd']);
      const daily = first.alerts.find((a) => a.budget === 'daily_usd');
      expect(daily).toMatchObject({
        period: 'day',
        unit: 'usd',
        limit: 0.01,
        period_start: '2026-11-28T00:00:00.000Z',
        period_end: '2026-11-29T00:00:00.000Z',
        triggered_at: new Date(NOW).toISOString(),
      });
      const stats = (await (await stack.get('/api/stats?time_range=today')).json()) as { totals: { cost: number } };
      expect(daily?.value).toBeCloseTo(stats.totals.cost, 6);
      const tokens = first.standing.find((s) => s.budget === 'monthly_tokens');
      expect(tokens).toMatchObject({ exceeded: false, period: 'month', period_start: '2026-11-01T00:00:00.000Z' });

      // Same periods: nothing new.
      stack.clock.advance(2000);
      await stack.aggregator.tickNow();
      expect((await alertsOf(stack.get)).alerts).toHaveLength(2);

      // The next day starts under budget, until usage lands in it.
      stack.clock.advance(24 * 3_600_000);
      await stack.aggregator.tickNow();
      const nextDay = await alertsOf(stack.get);
      expect(nextDay.alerts).toHaveLength(2);
      expect(nextDay.standing.find((s) => s.budget === 'daily_usd')).toMatchObject({
        value: 0,
        exceeded: false,
        period_start: '2026-11-29T00:00:00.000Z',
      });
      await appendFile(
        join(dir.path, 'projects', '-home-ada-src-cco', 'late.jsonl'),
        `${assistant({ id: 'msg_late', requestId: 'req_late', timestamp: new Date(NOW + 24 * 3_600_000).toISOString(), model: 'claude-opus-4-1', input: 1000, output: 1000 })}\n`,
      );
      stack.clock.advance(2000);
      await stack.aggregator.tickNow();
      expect((await alertsOf(stack.get)).alerts.map((a) => a.id)).toEqual([
        'block_usd:2026-11-29T12:00:00.000Z',
        'daily_usd:2026-11-29T00:00:00.000Z',
        expect.any(String),
        expect.any(String),
      ]);
    } finally {
      events.close();
      await stack.app.stop(true);
    }
  });

  it('lists no budgets and no alerts when none is set', async () => {
    await using dir = await tempDir('cco-alerts-');
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    expect(await alertsOf(stack.get)).toEqual({ budgets: {}, standing: [], alerts: [] });
  });

  it('posts each alert to the webhook as JSON without holding up the tick', async () => {
    await using dir = await tempDir('cco-alerts-');
    // One response logged just now: today's spend, whatever the hour.
    await mkdir(join(dir.path, 'projects', 'p'), { recursive: true });
    await appendFile(
      join(dir.path, 'projects', 'p', 's.jsonl'),
      `${assistant({ id: 'msg_now', requestId: 'req_now', timestamp: new Date().toISOString() })}\n`,
    );
    let release = () => {};
    const hook = receiver([], new Promise<void>((resolve) => (release = resolve)));
    const daemon = await startInProcessDaemon(dir.path, {
      machine: 'box-1',
      alerts: { budgets: { daily_usd: 0.0001 }, webhook: hook.url },
    });
    try {
      await daemon.cache.ready;
      // The receiver has not answered, yet the tick is done and the alert listed.
      const listed = (await (await fetch(`${daemon.url}/api/alerts`)).json()) as Alerts;
      expect(listed.alerts.map((a) => a.budget)).toEqual(['daily_usd']);
      for (let i = 0; i < 200 && hook.bodies.length === 0; i++) await Bun.sleep(10);
      expect(hook.bodies).toEqual([{ event: 'cco.alert', machine: 'box-1', alert: listed.alerts[0] }]);
      release();
    } finally {
      await daemon.stop();
      hook.stop();
    }
  });
});

describe('WebhookSender', () => {
  it('retries server errors with backoff until one is accepted', async () => {
    const hook = receiver([500, 503]);
    const warnings: string[] = [];
    const sender = new WebhookSender({ url: hook.url, backoffMs: 5, warn: (m) => warnings.push(m) });
    sender.send({ n: 1 });
    expect(sender.pending).toBe(1);
    await sender.drain();
    expect(hook.bodies).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(warnings).toEqual([]);
    hook.stop();
  });

  it('gives up after the last attempt, or at once on a client error, with one warning', async () => {
    const hook = receiver([500, 500, 500, 404]);
    const warnings: string[] = [];
    const sender = new WebhookSender({ url: hook.url, attempts: 3, backoffMs: 5, warn: (m) => warnings.push(m) });
    sender.send({ n: 1 });
    await sender.drain();
    sender.send({ n: 2 });
    await sender.drain();
    expect(hook.bodies).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }, { n: 2 }]);
    expect(warnings).toEqual([
      `webhook: could not deliver an alert to ${new URL(hook.url).origin} (HTTP 500)`,
      `webhook: could not deliver an alert to ${new URL(hook.url).origin} (HTTP 404)`,
    ]);
    hook.stop();
  });

  it('retries when nothing answers', async () => {
    const probe = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('') });
    const port = probe.port;
    const url = `http://127.0.0.1:${port}/hook`;
    probe.stop(true);
    const warnings: string[] = [];
    const sender = new WebhookSender({ url, attempts: 2, backoffMs: 5, warn: (m) => warnings.push(m) });
    sender.send({ n: 1 });
    await sender.drain();
    expect(warnings).toEqual([`webhook: could not deliver an alert to http://127.0.0.1:${port} (ECONNREFUSED)`]);
  });
});
