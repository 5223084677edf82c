// GET /api/stats on a daemon is answered by a native Bun route of its HTTP front worker: every request must get
// the answer the app itself gives (status, content type, body), and still be counted for /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { generateDemoRoot } from '../../src/demo/index.ts';
import type { Daemon } from '../../src/daemon/daemon.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

const REQUESTS: readonly (readonly [method: string, path: string])[] = [
  ['GET', '/api/stats'],
  ['GET', '/api/stats?time_range=week'],
  ['GET', '/api/stats?time_range=today'],
  ['GET', '/api/stats?time_range=all'],
  ['GET', '/api/stats?time_range=%77eek'],
  ['GET', '/api/stats?time_range=bogus'],
  ['GET', '/api/stats?time_range=week&time_range=all'],
  ['GET', '/api/stats?time_range=week&x=1'],
  ['GET', '/api/stats?time_range[]=week'],
  ['GET', '/api/stats?%zz'],
  ['GET', '/api/stats?'],
  ['GET', '/api/stats/'],
  ['GET', '/API/stats'],
  ['HEAD', '/api/stats'],
  ['POST', '/api/stats'],
  ['DELETE', '/api/stats'],
];

const httpCount = (metrics: string) =>
  Number(/^cco_http_requests_total\{[^}]*route="\/api\/stats"[^}]*status="200"[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? 0);

describe('/api/stats native route', () => {
  let dir: TempDir;
  let daemon: Daemon;
  let base: string;

  beforeAll(async () => {
    dir = await tempDir('cco-fast-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 10 });
    daemon = await startInProcessDaemon(dir.path);
    await daemon.aggregator.tickNow();
    base = daemon.url;
  });
  afterAll(async () => {
    await daemon.stop();
    await dir[Symbol.asyncDispose]();
  });

  for (const [method, path] of REQUESTS) {
    it(`${method} ${path} answers as the app does`, async () => {
      const viaSocket = await fetch(`${base}${path}`, { method });
      const viaApp = await daemon.app.handle(new Request(`http://localhost${path}`, { method }));
      expect(viaSocket.status).toBe(viaApp.status);
      expect(viaSocket.headers.get('content-type')).toBe(viaApp.headers.get('content-type'));
      expect(await viaSocket.text()).toBe(await viaApp.text());
    });
  }

  it('serves the cached figures of the requested range', async () => {
    const week = (await (await fetch(`${base}/api/stats?time_range=week`)).json()) as { time_range: string };
    expect(week.time_range).toBe('week');
    expect(await (await fetch(`${base}/api/stats`)).text()).toBe(daemon.cache.statsBody('all') ?? 'missing');
  });

  it('counts the requests it answers in cco_http_requests_total', async () => {
    const before = httpCount(await (await fetch(`${base}/metrics`)).text());
    for (let i = 0; i < 5; i++) await (await fetch(`${base}/api/stats`)).arrayBuffer();
    expect(httpCount(await (await fetch(`${base}/metrics`)).text())).toBe(before + 5);
  });
});

describe('/api/stats native route before the first tick', () => {
  it('leaves the cold start to the app: a GET or HEAD waits for data, then times out with 503', async () => {
    await using dir = await tempDir('cco-fast-cold-');
    const stack = metricsStack(dir.path, { coldTimeoutMs: 50 });
    stack.app.listen({ port: 0, hostname: '127.0.0.1' });
    try {
      for (const method of ['GET', 'HEAD']) {
        const res = await fetch(`http://127.0.0.1:${stack.app.server?.port}/api/stats`, { method });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).not.toBeNull();
      }
    } finally {
      await stack.app.stop();
    }
  });
});
