// The API over a real socket (app.listen(0)), the way clients reach it.
import { describe, expect, it } from 'bun:test';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';

describe('API on a real socket', () => {
  it('serves stats, history, health and JSON errors over HTTP', async () => {
    await using dir = await tempDir('cco-socket-');
    await generateDemoRoot(dir.path, { now: NOW, sessions: 10 });
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    stack.app.listen({ port: 0, hostname: '127.0.0.1' });
    const base = `http://127.0.0.1:${stack.app.server?.port}`;
    try {
      const stats = await fetch(`${base}/api/stats?time_range=week`);
      expect(stats.status).toBe(200);
      expect(((await stats.json()) as { time_range: string }).time_range).toBe('week');
      expect((await fetch(`${base}/api/metrics/history?range=24h`)).status).toBe(200);
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      for (const path of ['/api/metrics/history?range=bogus', '/api/stats?time_range=bogus', '/nope']) {
        const res = await fetch(`${base}${path}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toContain('application/json');
      }
    } finally {
      await stack.app.stop();
    }
  });
});
