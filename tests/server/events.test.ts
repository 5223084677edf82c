// GET /api/events over real sockets: snapshot and call events per tick, heartbeats, disconnects, no leak, clean shutdown.
import { describe, expect, it } from 'bun:test';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { heapStats } from 'bun:jsc';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { EventHub } from '../../src/server/events/event-hub.ts';
import { CallEventData, SnapshotEventData } from '../../src/api/events.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { openEventStream, type SseFrame } from '../helpers/sse.ts';
import { tempDir } from '../helpers/temp.ts';

const PROJECT = '-home-ada-src-cco';

function dataOf<T>(frame: SseFrame, schema: TSchema): T {
  const value: unknown = JSON.parse(frame.data ?? 'null');
  const error = Value.Errors(schema, value).First();
  if (error) throw new Error(`${frame.event} event does not match its schema at ${error.path}: ${error.message}`);
  return value as T;
}

/** A demo root and a stack listening on a real socket, with its own event hub. */
async function listening(options: { heartbeatMs?: number } = {}) {
  const dir = await tempDir('cco-events-');
  await generateDemoRoot(dir.path, { now: NOW, sessions: 10 });
  const events = new EventHub({ heartbeatMs: options.heartbeatMs ?? 15_000 });
  const stack = metricsStack(dir.path, { events });
  stack.app.listen({ port: 0, hostname: '127.0.0.1' });
  const port = stack.app.server?.port as number;
  return {
    ...stack,
    dir: dir.path,
    events,
    port,
    url: `http://127.0.0.1:${port}/api/events`,
    async [Symbol.asyncDispose]() {
      events.close();
      await stack.app.stop(true);
      await dir[Symbol.asyncDispose]();
    },
  };
}

const lines = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) =>
    assistant({
      id: `msg_live_${from + i}`,
      requestId: `req_live_${from + i}`,
      timestamp: new Date(NOW + (from + i) * 1000).toISOString(),
      input: 100 + i,
      output: 10,
    }),
  ).join('\n') + '\n';

/** Waits (polling, bounded) until the hub has `n` subscribers. */
async function subscribers(hub: EventHub, n: number, timeoutMs = 5000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (hub.size !== n && Date.now() < deadline) await Bun.sleep(5);
  return hub.size;
}

describe('GET /api/events', () => {
  it('greets with the reconnect delay and the latest snapshot, then sends a snapshot per tick', async () => {
    await using s = await listening();
    await s.aggregator.tickNow();
    await using client = await openEventStream(s.url);
    expect(client.response.status).toBe(200);
    expect(client.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(client.response.headers.get('cache-control')).toBe('no-cache');
    expect((await client.next((f) => f.retry !== undefined)).retry).toBe(3000);
    const first = dataOf<{ timestamp: number; total_cost: number }>(
      await client.next((f) => f.event === 'snapshot'),
      SnapshotEventData,
    );
    expect(first.timestamp).toBe(NOW);
    s.clock.advance(2000);
    await s.aggregator.tickNow();
    const second = dataOf<{ timestamp: number; total_cost: number }>(
      await client.next((f) => f.event === 'snapshot'),
      SnapshotEventData,
    );
    expect(second.timestamp).toBe(NOW + 2000);
    expect(second.total_cost).toBe(first.total_cost);
  });

  it("sends a call event per new API response before the tick's snapshot, and none for the backlog", async () => {
    await using s = await listening();
    await using client = await openEventStream(s.url);
    await s.aggregator.tickNow();
    // The first tick reads the whole backlog: a snapshot, no calls.
    expect((await client.until((f) => f.event === 'snapshot')).filter((f) => f.event === 'call')).toEqual([]);
    await appendFile(join(s.dir, 'projects', PROJECT, 'live.jsonl'), lines(3, 0));
    s.clock.advance(2000);
    await s.aggregator.tickNow();
    const frames = await client.until((f) => f.event === 'snapshot');
    const calls = frames
      .filter((f) => f.event === 'call')
      .map((f) =>
        dataOf<{ time: string; model: string; project: string; tokens: number; cost: number }>(f, CallEventData),
      );
    expect(calls.map((c) => c.time)).toEqual([0, 1, 2].map((i) => new Date(NOW + i * 1000).toISOString()));
    expect(calls[0]).toMatchObject({
      model: 'claude-sonnet-4-5-20250929',
      project: PROJECT,
      tokens: 100 + 10 + 100 + 1000,
    });
    expect(calls[0]?.cost).toBeGreaterThan(0);
    const stats = (await (await fetch(`http://127.0.0.1:${s.port}/api/stats`)).json()) as {
      activity: { recent_calls: { time: string; cost: number }[] };
    };
    expect(stats.activity.recent_calls[0]).toMatchObject({ time: calls[2]?.time, cost: calls[2]?.cost });
  });

  it('caps call events at 500 per tick, keeping the latest', async () => {
    await using s = await listening();
    await s.aggregator.tickNow();
    await using client = await openEventStream(s.url);
    await appendFile(join(s.dir, 'projects', PROJECT, 'burst.jsonl'), lines(620, 0));
    s.clock.advance(2000);
    await s.aggregator.tickNow();
    const frames = await client.until(
      (f) => f.event === 'snapshot' && JSON.parse(f.data ?? '{}').timestamp === NOW + 2000,
    );
    const calls = frames.filter((f) => f.event === 'call').map((f) => JSON.parse(f.data ?? '{}') as { time: string });
    expect(calls).toHaveLength(500);
    expect(calls.at(-1)?.time).toBe(new Date(NOW + 619_000).toISOString());
    expect(calls[0]?.time).toBe(new Date(NOW + 120_000).toISOString());
  });

  it('sends heartbeat comments while a client listens', async () => {
    await using s = await listening({ heartbeatMs: 20 });
    await using client = await openEventStream(s.url);
    expect((await client.next((f) => f.comment === 'heartbeat')).event).toBeUndefined();
  });

  it('forgets a client the moment it disconnects, and holds no memory after 1,000 connects and disconnects', async () => {
    await using s = await listening();
    await s.aggregator.tickNow();
    const request = `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`;
    let peak = 0;
    /** Opens a raw TCP connection, waits for the first bytes of the stream, then closes the socket. */
    const connectAndDrop = () =>
      new Promise<void>((resolve, reject) => {
        Bun.connect({
          hostname: '127.0.0.1',
          port: s.port,
          socket: {
            open: (socket) => void socket.write(request),
            data: (socket) => {
              peak = Math.max(peak, s.events.size);
              socket.end();
              resolve();
            },
            error: (_socket, error) => reject(error),
            connectError: (_socket, error) => reject(error),
          },
        }).catch(reject);
      });
    const round = async (n: number) => {
      for (let i = 0; i < n; i++) await connectAndDrop();
      expect(await subscribers(s.events, 0)).toBe(0);
    };
    const streams = () => {
      const counts = heapStats().objectTypeCounts;
      return (counts.ReadableStream ?? 0) + (counts.ReadableStreamDefaultController ?? 0);
    };
    await round(100);
    expect(peak).toBe(1);
    Bun.gc(true);
    const before = { ...process.memoryUsage(), streams: streams() };
    await round(1000);
    Bun.gc(true);
    const after = { ...process.memoryUsage(), streams: streams() };
    // 1,000 leaked clients would leave 2,000 stream objects behind (and a few MB of heap).
    expect(after.streams - before.streams).toBeLessThan(100);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(2 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(32 * 1024 * 1024);
    // The /metrics gauge tells the same.
    const metrics = await (await fetch(`http://127.0.0.1:${s.port}/metrics`)).text();
    expect(metrics).toContain('cco_event_subscribers{machine="test-machine"} 0\n');
  }, 60_000);

  it('counts a connected client, and drops it when fetch aborts', async () => {
    await using s = await listening();
    const client = await openEventStream(s.url);
    await client.next((f) => f.retry !== undefined);
    expect(s.events.size).toBe(1);
    const metrics = await (await fetch(`http://127.0.0.1:${s.port}/metrics`)).text();
    expect(metrics).toContain('cco_event_subscribers{machine="test-machine"} 1\n');
    await client[Symbol.asyncDispose]();
    expect(await subscribers(s.events, 0)).toBe(0);
  });

  it('lets the daemon stop while clients are connected, ending their streams', async () => {
    await using dir = await tempDir('cco-events-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 5 });
    const daemon = await startInProcessDaemon(dir.path);
    const client = await openEventStream(`${daemon.url}/api/events`);
    await client.next((f) => f.retry !== undefined);
    await daemon.stop();
    await expect(client.next(() => false)).rejects.toThrow('event stream ended');
  });
});
