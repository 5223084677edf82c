// A daemon's public port is its HTTP front worker: it answers GET /api/stats from the tick's bodies and hands every
// other request to the app on a private loopback listener. Through it, every answer must be the app's own.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Daemon, DaemonConfig } from '../../src/daemon/daemon.ts';
import { pathAndQuery } from '../../src/server/front/proxy.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { NOW } from '../helpers/metrics.ts';
import { demoRootForFile } from '../helpers/demo-root.ts';
import { waitFor } from '../helpers/wait.ts';

const root = demoRootForFile('cco-front-', { now: NOW, sessions: 6 });

const daemonOn = (overrides: Partial<DaemonConfig> = {}) => startInProcessDaemon(root.path, overrides);

const withoutStaleness = (text: string) => {
  const { stale_s: _, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};

describe('HTTP front worker', () => {
  let daemon: Daemon;
  beforeAll(async () => {
    daemon = await daemonOn();
    await daemon.aggregator.tickNow();
  });
  afterAll(() => daemon.stop());

  it('answers /api/stats itself with the figures the app would give, for each plain range', async () => {
    for (const query of ['', '?time_range=today', '?time_range=week', '?time_range=all']) {
      const viaFront = await fetch(`${daemon.url}/api/stats${query}`);
      const viaApp = await daemon.app.handle(new Request(`http://localhost/api/stats${query}`));
      expect(viaFront.status).toBe(200);
      expect(viaFront.headers.get('content-type')).toBe(viaApp.headers.get('content-type'));
      expect(withoutStaleness(await viaFront.text())).toEqual(withoutStaleness(await viaApp.text()));
    }
    const head = await fetch(`${daemon.url}/api/stats`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('answers /api/health itself with the app state and a running uptime; a query goes to the app', async () => {
    const withoutUptime = (text: string) => {
      const { uptime_s: uptime, ...rest } = JSON.parse(text) as Record<string, unknown>;
      expect(typeof uptime).toBe('number');
      return rest;
    };
    const viaFront = await fetch(`${daemon.url}/api/health`);
    const viaApp = await daemon.app.handle(new Request('http://localhost/api/health'));
    expect(viaFront.status).toBe(200);
    expect(viaFront.headers.get('content-type')).toBe(viaApp.headers.get('content-type'));
    const text = await viaFront.text();
    expect(withoutUptime(text)).toEqual(withoutUptime(await viaApp.text()));
    expect(withoutUptime(text)).toMatchObject({ status: 'ok', ready: true, failed_ticks: 0 });
    // The state follows the ticks: a failed tick shows at once.
    daemon.cache.recordFailure();
    expect(await (await fetch(`${daemon.url}/api/health`)).json()).toMatchObject({ failed_ticks: 1 });
    const head = await fetch(`${daemon.url}/api/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(await head.text()).toBe('');
    expect((await fetch(`${daemon.url}/api/health?verbose=1`)).status).toBe(200);
  });

  it('hands every other request to the app: other routes, bad queries, unknown paths and methods', async () => {
    const cases: [string, RequestInit, number][] = [
      ['/api/health', {}, 200],
      ['/api/metrics/history?range=1h', {}, 200],
      ['/api/stats?time_range=bogus', {}, 400],
      ['/api/metrics/history?range=forever', {}, 400],
      ['/nope', {}, 404],
      ['/api/stats', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }, 405],
    ];
    for (const [path, init, status] of cases) {
      const viaFront = await fetch(`${daemon.url}${path}`, init);
      const viaApp = await daemon.app.handle(new Request(`http://localhost${path}`, init));
      expect(viaFront.status, path).toBe(status);
      expect(viaApp.status, path).toBe(status);
      expect(viaFront.headers.get('content-type'), path).toBe(viaApp.headers.get('content-type'));
      // (2xx bodies carry the time they were made; error bodies must match byte for byte)
      if (status >= 400) expect(await viaFront.text(), path).toBe(await viaApp.text());
    }
  });

  it('serves the docs UI and the dashboard through the app', async () => {
    for (const path of ['/swagger', '/swagger/json', '/']) {
      const res = await fetch(`${daemon.url}${path}`);
      expect(res.status, path).toBe(200);
      expect((await res.arrayBuffer()).byteLength, path).toBeGreaterThan(100);
    }
  });

  it('counts the requests it answers in cco_http_requests_total', async () => {
    const metric = async (route: string) => {
      const text = await (await fetch(`${daemon.url}/metrics`)).text();
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('cco_http_requests_total{') && l.includes(`route="${route}"`) && l.includes('status="200"'),
        );
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const stats = await metric('/api/stats');
    const health = await metric('/api/health');
    for (let i = 0; i < 7; i++) await (await fetch(`${daemon.url}/api/stats`)).arrayBuffer();
    for (let i = 0; i < 3; i++) await (await fetch(`${daemon.url}/api/health`)).arrayBuffer();
    expect(await metric('/api/stats')).toBe(stats + 7);
    expect(await metric('/api/health')).toBe(health + 3);
  });
});

describe('HTTP front worker without the app', () => {
  it('still answers /api/stats and /api/health itself when the app stops answering; the rest is a JSON 502', async () => {
    const daemon = await daemonOn();
    try {
      await daemon.aggregator.tickNow();
      await daemon.app.server?.stop(true);
      // Until the tick's state reaches the front (one message), the front hands requests on: here, to no one.
      const health = await waitFor(
        async () => {
          const res = await fetch(`${daemon.url}/api/health`);
          return res.status === 502 ? undefined : res;
        },
        'the front to have the tick',
        5_000,
      );
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', ready: true });
      expect((await fetch(`${daemon.url}/api/stats`)).status).toBe(200);
      const other = await fetch(`${daemon.url}/api/metrics/history`);
      expect(other.status).toBe(502);
      expect(await other.json()).toMatchObject({ error: 'unavailable' });
    } finally {
      await daemon.stop();
    }
  });
});

describe('HTTP front worker with access control', () => {
  it('hands /api/stats to the app when a token is set, so the token is demanded', async () => {
    const daemon = await daemonOn({ access: { token: 'sekrit' } });
    try {
      await daemon.aggregator.tickNow();
      expect((await fetch(`${daemon.url}/api/stats`)).status).toBe(401);
      expect((await fetch(`${daemon.url}/api/stats`, { headers: { authorization: 'Bearer sekrit' } })).status).toBe(
        200,
      );
      expect((await fetch(`${daemon.url}/api/health`)).status).toBe(200);
    } finally {
      await daemon.stop();
    }
  });
});

describe('HTTP front worker start', () => {
  it('fails with the listen error (EADDRINUSE) when the port is taken, and leaves nothing running', async () => {
    const blocker = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response('taken') });
    try {
      const error = await daemonOn({ port: blocker.port }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as { code?: string }).code).toBe('EADDRINUSE');
    } finally {
      await blocker.stop(true);
    }
  });

  it('forwards the path and query exactly as Bun gives them', () => {
    expect(pathAndQuery('http://127.0.0.1:3000/api/stats?time_range=week')).toBe('/api/stats?time_range=week');
    expect(pathAndQuery('http://[::1]:3000/')).toBe('/');
    expect(pathAndQuery('http://localhost:3000')).toBe('/');
    expect(pathAndQuery('http://h:1/api/%2e%2e/x?a=%2F')).toBe('/api/%2e%2e/x?a=%2F');
  });
});

describe('HTTP front worker where there are no unix sockets', () => {
  const socketDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`cco-app-${process.pid}-`));

  it('hands requests to the app on a loopback port instead (the Windows listener, forced here)', async () => {
    const before = socketDirs();
    const daemon = await daemonOn({ appListener: 'loopback' });
    try {
      await daemon.aggregator.tickNow();
      expect(socketDirs()).toEqual(before);
      expect(daemon.app.server?.hostname).toBe('127.0.0.1');
      expect(daemon.app.server?.port).toBeGreaterThan(0);
      // (bodies that carry no time of their own, so the two answers match byte for byte)
      for (const path of ['/api/pricing', '/api/stats?time_range=nope', '/nope']) {
        const viaFront = await fetch(`${daemon.url}${path}`);
        const viaApp = await daemon.app.handle(new Request(`http://localhost${path}`));
        expect(viaFront.status).toBe(viaApp.status);
        expect(await viaFront.text()).toBe(await viaApp.text());
      }
    } finally {
      await daemon.stop();
    }
  });
});
