// The Host check against DNS rebinding: only localhost, *.localhost, IP literals and the allowed names are answered;
// any other Host gets 403 JSON naming --allowed-host, on every route, the HTTP front's own fast paths included.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { allowedHostProblem, allowedHosts, isAllowedHost } from '../../src/server/auth/host-check.ts';
import type { Daemon } from '../../src/daemon/daemon.ts';
import { demoRootForFile } from '../helpers/demo-root.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { rawGet, rawRequest, type RawResponse } from '../helpers/raw-http.ts';

const root = demoRootForFile('cco-host-', { now: NOW, sessions: 4 });

/** Every route a browser page could read, fast paths (/api/stats, /api/health) and streams included. */
const ROUTES = [
  '/api/stats',
  '/api/stats?time_range=week',
  '/api/health',
  '/api/metrics/history?range=1h',
  '/api/blocks',
  '/api/alerts',
  '/api/events',
  '/metrics',
  '/',
  '/swagger',
  '/swagger/json',
  '/assets/dashboard.js',
  '/nope',
];

function expectRefused(res: RawResponse, host: string): void {
  expect(res.status, host).toBe(403);
  expect(res.headers['content-type']).toStartWith('application/json');
  const body = JSON.parse(res.body) as { error: string; message: string };
  expect(body.error).toBe('host_not_allowed');
  expect(body.message).toContain(`Host '${host}' is not allowed`);
  expect(body.message).toContain('--allowed-host');
  expect(res.body).not.toContain('"totals"');
}

describe('isAllowedHost', () => {
  const none = allowedHosts();
  it.each([
    'localhost',
    'localhost:3000',
    'LOCALHOST:3000',
    'dash.localhost',
    'a.b.localhost:1',
    '127.0.0.1',
    '127.0.0.1:3000',
    '192.168.1.10:3000',
    '[::1]',
    '[::1]:3000',
    '[fe80::1]:80',
  ])('answers Host %p', (host) => {
    expect(isAllowedHost(host, none)).toBe(true);
  });

  it.each([
    'evil.example.com',
    'evil.example.com:3000',
    'localhost.evil.com',
    '127.0.0.1.nip.io',
    'my-laptop',
    'localhost.',
    '',
    ':3000',
    'localhost:abc',
    'localhost:3000:1',
    '::1',
    '[::1',
    '[evil.com]:3000',
    '[::1]x',
    '2130706433x',
  ])('refuses Host %p', (host) => {
    expect(isAllowedHost(host, none)).toBe(false);
  });

  it('answers the allowed names exactly (any case), and a .domain entry for it and its subdomains', () => {
    const allowed = allowedHosts(['Dash.Example.com', '.lan']);
    for (const host of ['dash.example.com', 'DASH.example.com:8080', 'lan', 'nas.lan:3000', 'a.b.lan'])
      expect(isAllowedHost(host, allowed), host).toBe(true);
    for (const host of ['example.com', 'x.dash.example.com', 'evillan', 'lan.evil.com'])
      expect(isAllowedHost(host, allowed), host).toBe(false);
  });

  it('answers a request without a Host header (HTTP/1.0: no browser sends one)', () => {
    expect(isAllowedHost(null, allowedHosts())).toBe(true);
  });

  it.each([
    ['my-laptop', undefined],
    ['.example.com', undefined],
    ['http://x.com', 'host name'],
    ['x.com:3000', 'host name'],
    ['', 'host name'],
    ['a b', 'host name'],
    ['*', 'host name'],
  ])('judges the allowed-host value %p', (name, problem) => {
    const found = allowedHostProblem(name);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('the Host check in the app (app.handle)', () => {
  it('refuses another Host with 403 JSON before routing, also with a token configured', async () => {
    const s = metricsStack(root.path, { access: { token: 'test-token-0123456789abcdef' } });
    await s.aggregator.tickNow();
    const res = await s.app.handle(
      new Request('http://evil.example.com/api/stats', { headers: { host: 'evil.example.com' } }),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'host_not_allowed' });
  });
});

describe('the Host check on a real daemon', () => {
  let daemon: Daemon;
  beforeAll(async () => {
    daemon = await startInProcessDaemon(root.path, { access: { allowedHosts: ['dash.example.com'] } });
    await daemon.aggregator.tickNow();
  });
  afterAll(() => daemon.stop());

  it.each(ROUTES)('refuses %p to a rebinding Host with 403 JSON naming --allowed-host', async (path) => {
    for (const host of [
      'evil.example.com',
      `evil.example.com:${daemon.port}`,
      `localhost.evil.example.com:${daemon.port}`,
    ]) {
      expectRefused(await rawRequest(daemon.port, rawGet(path, { host })), host);
    }
  });

  it.each(ROUTES.filter((p) => p !== '/api/events' && p !== '/nope'))(
    'answers %p to localhost, IP literals and allowed names',
    async (path) => {
      for (const host of [
        `localhost:${daemon.port}`,
        `127.0.0.1:${daemon.port}`,
        `[::1]:${daemon.port}`,
        'dash.example.com',
        `dash.example.com:${daemon.port}`,
      ]) {
        expect((await rawRequest(daemon.port, rawGet(path, { host }))).status, host).toBe(200);
      }
    },
  );

  it('streams /api/events to an allowed Host', async () => {
    const controller = new AbortController();
    const res = await fetch(`${daemon.url}/api/events`, {
      signal: controller.signal,
      headers: { host: 'dash.example.com' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toStartWith('text/event-stream');
    controller.abort();
  });
});
