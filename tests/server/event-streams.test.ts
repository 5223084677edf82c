// /api/events through a daemon's HTTP front, over real sockets: the front holds the streams (none takes one of the
// proxy's fetch slots), a bounded number of them, so every other route, new streams and alert webhooks keep working
// with hundreds open; /api/health tells whether the app's own thread is running.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Daemon, DaemonConfig } from '../../src/daemon/daemon.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { openEventStream, openRawStreams } from '../helpers/sse.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';
import { waitFor } from '../helpers/wait.ts';

const ROUTES = [
  '/metrics',
  '/',
  '/swagger',
  '/api/metrics/history?range=all',
  '/api/blocks',
  '/api/alerts',
  '/api/stats',
  '/api/health',
];

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir('cco-streams-');
  await mkdir(join(dir.path, 'projects', '-home-ada-src-cco'), { recursive: true });
  // Logged just now (the daemon runs on the real clock): today's spend, whatever the hour.
  await writeFile(
    join(dir.path, 'projects', '-home-ada-src-cco', 's.jsonl'),
    `${assistant({ id: 'msg_now', requestId: 'req_now', timestamp: new Date().toISOString(), input: 1000, output: 1000 })}\n`,
  );
});
afterAll(() => dir[Symbol.asyncDispose]());

async function daemonWith(overrides: Partial<DaemonConfig>): Promise<Daemon & AsyncDisposable> {
  const daemon = await startInProcessDaemon(dir.path, overrides);
  await daemon.aggregator.tickNow();
  return Object.assign(daemon, { [Symbol.asyncDispose]: () => daemon.stop() });
}

const get = (daemon: Daemon, path: string, init: RequestInit = {}) =>
  fetch(`${daemon.url}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
const status = (head: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);

describe('GET /api/events through the HTTP front', () => {
  it('serves up to the cap, answers one more client 503 JSON with Retry-After, and takes clients again once one leaves', async () => {
    await using daemon = await daemonWith({ maxEventClients: 8 });
    const first = await openRawStreams(daemon.port, 8);
    expect(first.heads.map(status)).toEqual(Array(8).fill(200));
    expect(first.heads.every((h) => h.includes('text/event-stream'))).toBe(true);
    const over = await get(daemon, '/api/events');
    expect(over.status).toBe(503);
    expect(over.headers.get('retry-after')).toBe('5');
    expect(over.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(await over.json()).toMatchObject({ error: 'too_many_streams' });
    expect(await (await get(daemon, '/metrics')).text()).toContain('cco_event_subscribers{machine=');
    await first[Symbol.asyncDispose]();
    const again = await waitFor(
      async () => {
        const res = await get(daemon, '/api/events');
        if (res.status === 200) return res;
        await res.body?.cancel();
      },
      'a free stream slot',
      5000,
    );
    expect(again.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await again.body?.cancel();
  });

  it('keeps every other route answering, and new streams opening, with 256 streams open', async () => {
    await using daemon = await daemonWith({ maxEventClients: 300 });
    await using streams = await openRawStreams(daemon.port, 256);
    expect(streams.heads.filter((h) => status(h) === 200)).toHaveLength(256);
    for (const path of ROUTES) {
      const res = await get(daemon, path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect(await (await get(daemon, '/metrics')).text()).toMatch(/^cco_event_subscribers\{[^}]*\} 256$/m);
    await using client = await openEventStream(`${daemon.url}/api/events`);
    expect(client.response.status).toBe(200);
    await daemon.aggregator.tickNow();
    expect((await client.next((f) => f.event === 'snapshot')).event).toBe('snapshot');
  });

  it('leaves the decision to the app: with a token, a stream needs it', async () => {
    await using daemon = await daemonWith({ access: { token: 'sekrit' } });
    const refused = await get(daemon, '/api/events');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'unauthorized' });
    const res = await get(daemon, '/api/events', { headers: { authorization: 'Bearer sekrit' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await res.body?.cancel();
  });

  it('delivers an alert to the webhook and to the streams while 256 streams are open', async () => {
    const received: unknown[] = [];
    const receiver = Bun.serve({
      hostname: '127.0.0.1',
      port: 0,
      fetch: async (req) => (received.push(await req.json()), new Response('ok')),
    });
    try {
      await using daemon = await daemonWith({
        maxEventClients: 300,
        alerts: { budgets: {}, webhook: `http://127.0.0.1:${receiver.port}/hook` },
      });
      await using streams = await openRawStreams(daemon.port, 255);
      await using client = await openEventStream(`${daemon.url}/api/events`);
      daemon.reload({
        alerts: { budgets: { daily_usd: 0.000001 }, webhook: `http://127.0.0.1:${receiver.port}/hook` },
      });
      await daemon.aggregator.tickNow();
      expect(JSON.parse((await client.next((f) => f.event === 'alert')).data ?? '{}')).toMatchObject({
        budget: 'daily_usd',
      });
      await waitFor(async () => (received.length > 0 ? true : undefined), 'the webhook delivery', 5000);
      expect(received[0]).toMatchObject({ event: 'cco.alert', alert: { budget: 'daily_usd' } });
      expect(streams.heads).toHaveLength(255);
    } finally {
      await receiver.stop(true);
    }
  });
});

describe('/api/health and the app thread', () => {
  it('answers 503 unresponsive while the app thread is stalled, and ok once it runs again', async () => {
    await using daemon = await daemonWith({ appStallMs: 300 });
    expect(await (await get(daemon, '/api/health')).json()).toMatchObject({ status: 'ok', app_responsive: true });
    // Another process asks 1 s into a 2.5 s block of this thread (the app's), well past the stall limit.
    const probe = Bun.spawn(['sh', '-c', `sleep 1; curl -s -m 5 -w '\n%{http_code}' '${daemon.url}/api/health'`], {
      stdout: 'pipe',
      stderr: 'ignore',
    });
    await Bun.sleep(0);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
    const [body = '', code = ''] = (await new Response(probe.stdout).text()).split('\n');
    expect(code).toBe('503');
    expect(JSON.parse(body)).toMatchObject({ status: 'unresponsive', app_responsive: false, ready: true });
    const healthy = await waitFor(
      async () => {
        const res = await get(daemon, '/api/health');
        return res.status === 200 ? res : undefined;
      },
      'the app thread to beat again',
      5000,
    );
    expect(await healthy.json()).toMatchObject({ status: 'ok', app_responsive: true });
  });
});
