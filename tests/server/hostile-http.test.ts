// Hostile HTTP: odd methods, malformed queries, huge values and path tricks get 4xx JSON (or a normalised 200), never a 500.
import { beforeAll, describe, expect, it } from 'bun:test';
import { MAX_URL_LENGTH } from '../../src/server/request-guard.ts';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { rawGet, rawRequest } from '../helpers/raw-http.ts';
import { demoRootForFile } from '../helpers/demo-root.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';

const root = demoRootForFile('cco-hostile-', { now: NOW, sessions: 4 });

async function stack() {
  const s = metricsStack(root.path);
  await s.aggregator.tickNow();
  return s;
}

/** What a leaked stack trace or source path looks like. */
const STACK_TRACE = /\s{2,}at |\.[tj]s:\d+|node_modules|Error:/;

/** A 4xx with a JSON `{error, message}` body and no trace of the server's insides. */
async function expectClientError(res: Response, status?: number): Promise<{ error: string; message: string }> {
  if (status !== undefined) expect(res.status).toBe(status);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toContain('application/json');
  const text = await res.text();
  expect(text).not.toMatch(STACK_TRACE);
  const body = JSON.parse(text) as { error: string; message: string };
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  return body;
}

describe('malformed query strings (app.handle)', () => {
  it.each([
    ['/api/stats?%', 'invalid percent-encoding'],
    ['/api/stats?%zz', 'invalid percent-encoding'],
    ['/api/stats?time_range=%E0%A4%A', 'invalid percent-encoding'],
    ['/api/stats?x=%ff', 'invalid percent-encoding'],
    ['/api/stats?time_range=week&time_range=all', "'time_range' is given more than once"],
    ['/api/stats?time_range=week&time%5Frange=all', "'time_range' is given more than once"],
    ['/api/metrics/history?range=1h&range=6h', "'range' is given more than once"],
    ['/api/stats?time_range[]=week', 'arrays and objects'],
    ['/api/metrics/history?range[0]=1h', 'arrays and objects'],
    ['/api/metrics/history?range[a][b]=1h', 'arrays and objects'],
    ['/api/stats?time_range=yesterday', 'time_range must be one of'],
    ['/api/stats?time_range=' + 'w'.repeat(3500), 'time_range must be one of'],
    ['/api/metrics/history?range=' + '9'.repeat(3500), 'invalid range'],
    ['/api/metrics/history?range=-1h', 'invalid range'],
    ['/api/metrics/history?range=Infinity', 'invalid range'],
    ['/api/metrics/history?range=__proto__', 'invalid range'],
    ['/api/metrics/history?range=constructor', 'invalid range'],
    ['/api/metrics/history?step=99999999999999999999d', 'longer than 366d'],
    ['/api/metrics/history?range=all&step=367d', 'longer than 366d'],
    ['/api/metrics/history?step=1e308', 'invalid step'],
    ['/api/metrics/history?step=NaN', 'invalid step'],
    ['/api/metrics/history?step=-5m', 'invalid step'],
    ['/api/metrics/history?step=0', 'invalid step'],
    ['/api/metrics/history?step=' + '1'.repeat(400) + 'ms', 'invalid step'],
  ])('%p answers 400 JSON', async (path, message) => {
    const s = await stack();
    const body = await expectClientError(await s.get(path), 400);
    expect(body.error).toBe('bad_request');
    expect(body.message).toContain(message);
    expect(body.message.length).toBeLessThan(300);
  });

  it.each([
    '/api/stats?',
    '/api/stats?&&',
    '/api/stats?nocache=1',
    '/api/stats?time_range=week&x=1&y=2',
    '/api/stats?time_range=w%65ek',
    '/api/metrics/history?range=all&step=366d',
  ])('%p is well-formed and answers 200', async (path) => {
    const s = await stack();
    expect((await s.get(path)).status).toBe(200);
  });

  it(`answers 414 JSON beyond ${MAX_URL_LENGTH} characters of path and query`, async () => {
    const s = await stack();
    const body = await expectClientError(await s.get(`/api/stats?pad=${'a'.repeat(MAX_URL_LENGTH)}`), 414);
    expect(body.error).toBe('uri_too_long');
    expect((await s.get(`/api/stats?pad=${'a'.repeat(MAX_URL_LENGTH - 20)}`)).status).toBe(200);
  });
});

describe('methods and paths (app.handle)', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'])(
    'answers %s with 405 JSON and Allow: GET, HEAD',
    async (method) => {
      const s = await stack();
      for (const path of ['/api/stats', '/api/health', '/nope']) {
        const res = await s.app.handle(new Request(`http://localhost${path}`, { method }));
        const body = await expectClientError(res, 405);
        expect(body.error).toBe('method_not_allowed');
        expect(res.headers.get('allow')).toBe('GET, HEAD');
      }
    },
  );

  it('refuses a POST with a malformed JSON body as a method, not a parse failure', async () => {
    const s = await stack();
    const res = await s.app.handle(
      new Request('http://localhost/api/stats', {
        method: 'POST',
        body: '{"a":',
        headers: { 'content-type': 'application/json' },
      }),
    );
    await expectClientError(res, 405);
  });

  it('answers HEAD like GET without a body', async () => {
    const s = await stack();
    const res = await s.app.handle(new Request('http://localhost/api/stats', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it.each([
    ['/api/../api/stats', 200],
    ['/api/%2e%2e/api/stats', 200],
    ['/api/stats/', 200],
    ['/api/stats%2F', 404],
    ['/api%2Fstats', 404],
    ['//api/stats', 404],
    ['/api//stats', 404],
    // Dot segments resolve before routing: this is `/`, the dashboard's page.
    ['/api/%2e%2e/', 200],
    ['/api/%2e%2e/nope', 404],
    ['/api/stats%00', 404],
    ['/api/%zz', 404],
    ['/api/' + 'a'.repeat(3000), 404],
  ])('%p answers %p', async (path, status) => {
    const s = await stack();
    const res = await s.get(path);
    if (status === 200) expect(res.status).toBe(200);
    else {
      const body = await expectClientError(res, status);
      expect(body.message.length).toBeLessThan(200);
    }
  });

  it("listens in Bun's production mode whatever NODE_ENV says (no development error pages with stack traces)", async () => {
    const s = await stack();
    s.app.listen({ port: 0, hostname: '127.0.0.1' });
    try {
      expect(s.app.server?.development).toBe(false);
    } finally {
      await s.app.stop();
    }
  });

  it('turns an unexpected error into a bare 500 JSON without its message or stack', async () => {
    const s = await stack();
    const app = s.app.get('/boom', () => {
      throw new Error('secret detail at /home/ada/.claude');
    });
    const res = await app.handle(new Request('http://localhost/boom'));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal', message: 'internal error' });
    expect(text).not.toContain('secret');
  });
});

/** Raw requests fetch() would not send as written; [name, request, allowed statuses (0: closed without an answer)]. */
const RAW_CASES: [string, string, number[]][] = [
  ['a dot-dot path (normalised)', rawGet('/api/../api/stats'), [200]],
  ['an encoded dot-dot path (normalised)', rawGet('/api/%2e%2e/api/stats'), [200]],
  ['a dot-dot escape above the root', rawGet('/../../etc/passwd'), [404]],
  ['an encoded slash', rawGet('/api/stats%2F'), [404]],
  ['an encoded slash mid-path', rawGet('/api%2Fstats'), [404]],
  ['double slashes', rawGet('//api//stats'), [404]],
  ['a NUL byte, encoded', rawGet('/api/stats%00'), [404]],
  ['a bare percent in the query', rawGet('/api/stats?%'), [400]],
  ['repeated query keys', rawGet('/api/metrics/history?range=1h&range=6h'), [400]],
  ['DELETE', rawGet('/api/stats', { method: 'DELETE' }), [405]],
  ['PROPFIND', rawGet('/api/stats', { method: 'PROPFIND' }), [405]],
  ['a URL over the limit', rawGet(`/api/stats?x=${'a'.repeat(9000)}`), [414]],
  ['an absolute-form target', rawGet('http://localhost/api/stats'), [200]],
  // Refused by Bun.serve before the app (no JSON possible): unknown or lower-case methods, header limits, framing.
  ['an unknown method (BREW)', rawGet('/api/stats', { method: 'BREW' }), [0, 400, 405, 501]],
  ['a lower-case method', rawGet('/api/stats', { method: 'get' }), [0, 400, 405, 501]],
  ['a 20 KB URL', rawGet(`/api/stats?x=${'a'.repeat(20_000)}`), [414, 431]],
  ['a 20 KB header', rawGet('/api/stats', { headers: [`X-Big: ${'a'.repeat(20_000)}`] }), [431]],
  ['500 headers', rawGet('/api/stats', { headers: Array.from({ length: 500 }, (_, i) => `X-H${i}: v`) }), [431]],
  [
    'a 10 MB body announced',
    `POST /api/stats HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n${'a'.repeat(2000)}`,
    [405, 413],
  ],
  [
    'Content-Length with Transfer-Encoding',
    'GET /api/stats HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n',
    [400],
  ],
  [
    'a negative Content-Length',
    'GET /api/stats HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\nConnection: close\r\n\r\n',
    [400],
  ],
  ['no Host header', 'GET /api/stats HTTP/1.1\r\nConnection: close\r\n\r\n', [0, 400]],
  ['a garbage request line', 'HELLO\r\n\r\n', [0, 400]],
  ['an asterisk target', 'OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', [0, 400, 405]],
  // 505 is Bun's own answer here: the one 5xx, and the right one for a version it does not speak.
  [
    'HTTP/2.0 in an HTTP/1 request line',
    'GET /api/stats HTTP/2.0\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    [0, 400, 505],
  ],
];

describe('raw requests on a real socket', () => {
  it('answers every one with a 4xx (JSON when the app saw it) or a normalised 200, and keeps serving', async () => {
    const s = await stack();
    s.app.listen({ port: 0, hostname: '127.0.0.1' });
    const port = s.app.server?.port ?? 0;
    try {
      for (const [name, request, allowed] of RAW_CASES) {
        const res = await rawRequest(port, request);
        expect(allowed, `${name}: ${res.statusLine}`).toContain(res.status);
        expect(res.body, name).not.toMatch(STACK_TRACE);
        if (res.body.length > 0 && res.status >= 400)
          expect(res.headers['content-type'], name).toContain('application/json');
      }
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await s.app.stop(true);
    }
  });

  it('answers them the same through a daemon, whose public port is its HTTP front worker', async () => {
    const daemon = await startInProcessDaemon(root.path);
    try {
      for (const [name, request, allowed] of RAW_CASES) {
        const res = await rawRequest(daemon.port, request);
        expect(allowed, `${name}: ${res.statusLine}`).toContain(res.status);
        expect(res.body, name).not.toMatch(STACK_TRACE);
        if (res.body.length > 0 && res.status >= 400)
          expect(res.headers['content-type'], name).toContain('application/json');
      }
      expect((await fetch(`${daemon.url}/api/health`)).status).toBe(200);
    } finally {
      await daemon.stop();
    }
  });

  it('refuses a request body beyond the limit before reading it', async () => {
    const s = await stack();
    s.app.listen({ port: 0, hostname: '127.0.0.1' });
    try {
      const res = await fetch(`http://127.0.0.1:${s.app.server?.port}/api/stats`, {
        method: 'POST',
        body: 'x'.repeat(64 * 1024),
      });
      expect([405, 413]).toContain(res.status);
    } finally {
      await s.app.stop(true);
    }
  });
});

describe('compiled binary under hostile requests', () => {
  let binary = '';
  beforeAll(async () => {
    binary = await compiledBinary();
  }, 120_000);

  it('answers methods, long URLs and bad queries with 4xx JSON and keeps serving', async () => {
    await using daemon = await spawnDaemon(binary, ['--demo', '--no-persist']);
    const port = Number(new URL(daemon.url).port);
    for (const [request, status] of [
      [rawGet('/api/stats', { method: 'DELETE' }), 405],
      [rawGet(`/api/stats?x=${'a'.repeat(9000)}`), 414],
      [rawGet('/api/stats?%zz'), 400],
      [rawGet('/api/stats%2F'), 404],
      [rawGet('/api/stats', { method: 'BREW' }), undefined],
    ] as const) {
      const res = await rawRequest(port, request);
      if (status === undefined) expect(res.status === 0 || (res.status >= 400 && res.status < 500)).toBe(true);
      else {
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toContain('application/json');
      }
    }
    expect((await fetch(`${daemon.url}/api/stats`)).status).toBe(200);
  }, 60_000);
});
