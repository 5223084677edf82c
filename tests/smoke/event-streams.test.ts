// The compiled binary's HTTP front with its /api/events cap filled: 256 streams held over real sockets, every other
// route still answering, one client over the cap refused with 503 and Retry-After, health reporting the app thread.
import { beforeAll, describe, expect, it } from 'bun:test';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { openRawStreams } from '../helpers/sse.ts';

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

const status = (head: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
const get = (url: string) => fetch(url, { signal: AbortSignal.timeout(8000) });

describe('compiled cco binary with the event stream cap filled', () => {
  it('answers every route with 256 streams open, and one stream over the cap 503 with Retry-After', async () => {
    await using daemon = await spawnDaemon(binary, ['--demo', '--max-event-clients', '256']);
    await using streams = await openRawStreams(Number(new URL(daemon.url).port), 257);
    const statuses = streams.heads.map(status);
    expect(statuses.slice(0, 256).every((s) => s === 200)).toBe(true);
    expect(statuses[256]).toBe(503);
    expect(streams.heads[256]?.toLowerCase()).toContain('retry-after: 5');
    for (const path of [
      '/metrics',
      '/',
      '/swagger',
      '/api/metrics/history?range=all',
      '/api/blocks',
      '/api/alerts',
      '/api/stats',
    ]) {
      const res = await get(`${daemon.url}${path}`);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    const health = await get(`${daemon.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', app_responsive: true });
    expect(await (await get(`${daemon.url}/metrics`)).text()).toMatch(/^cco_event_subscribers\{[^}]*\} 256$/m);
  }, 60_000);

  it('caps streams at 128 by default', async () => {
    await using daemon = await spawnDaemon(binary, ['--demo']);
    await using streams = await openRawStreams(Number(new URL(daemon.url).port), 129);
    expect(streams.heads.filter((h) => status(h) === 200)).toHaveLength(128);
    expect(status(streams.heads[128] ?? '')).toBe(503);
  }, 60_000);
});
