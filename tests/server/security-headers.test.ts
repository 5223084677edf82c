// Every answer carries X-Content-Type-Options: nosniff (JSON, /metrics, errors, assets, the docs, the HTTP front's own
// answers) and every HTML page a CSP with frame-ancestors 'none', so no page can be framed (clickjacking).
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import type { Daemon } from '../../src/daemon/daemon.ts';
import { demoRootForFile } from '../helpers/demo-root.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { NOW } from '../helpers/metrics.ts';
import { rawGet, rawRequest } from '../helpers/raw-http.ts';

const root = demoRootForFile('cco-headers-', { now: NOW, sessions: 4 });
const TOKEN = 'test-token-0123456789abcdef';

/** The headers of a GET, read as soon as they arrive (an event stream never ends on its own). */
async function headersOf(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers }> {
  const controller = new AbortController();
  const res = await fetch(url, { ...init, signal: controller.signal });
  controller.abort();
  return { status: res.status, headers: res.headers };
}

function expectSecure(path: string, res: { status: number; headers: Headers }): void {
  expect(res.headers.get('x-content-type-options'), `${path} (${res.status})`).toBe('nosniff');
  if (res.headers.get('content-type')?.startsWith('text/html')) {
    expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
  }
}

describe.each([
  ['open', {}],
  ['with a token', { access: { token: TOKEN } }],
])('security headers through a daemon (%s)', (_name, config) => {
  let daemon: Daemon;
  let documented: string[] = [];
  const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
  beforeAll(async () => {
    daemon = await startInProcessDaemon(root.path, config);
    await daemon.aggregator.tickNow();
    const doc = (await (await fetch(`${daemon.url}/swagger/json`)).json()) as {
      paths: Record<string, { get?: unknown }>;
    };
    // A path parameter gets a value that exists: the session with the most cost.
    const sessions = (await (await fetch(`${daemon.url}/api/reports/session`, auth)).json()) as {
      sessions: { sessionId: string }[];
    };
    const session = sessions.sessions[0]?.sessionId ?? '';
    documented = Object.entries(doc.paths)
      .filter(([, op]) => op.get !== undefined)
      .map(([path]) => path.replace('{id}', session));
  });
  afterAll(() => daemon.stop());

  it('sends nosniff on every route of the OpenAPI document, the front-answered ones included', async () => {
    expect(documented).toEqual(expect.arrayContaining(['/api/stats', '/api/health', '/api/events', '/metrics']));
    for (const path of documented) {
      const res = await headersOf(`${daemon.url}${path}`, auth);
      expect(res.status, path).toBe(200);
      expectSecure(path, res);
      const head = await headersOf(`${daemon.url}${path}`, { ...auth, method: 'HEAD' });
      expectSecure(`HEAD ${path}`, head);
    }
  });

  it.each(['/', '/swagger', '/swagger/'])(
    'serves the page %p as HTML with nosniff and a CSP that forbids framing',
    async (path) => {
      const res = await headersOf(`${daemon.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toStartWith('text/html');
      expectSecure(path, res);
    },
  );

  it("sends nosniff on the pages' assets and the OpenAPI document", async () => {
    for (const path of [
      '/assets/dashboard.js',
      '/assets/dashboard.css',
      '/swagger/json',
      '/swagger/assets/swagger-ui-bundle.js',
      '/swagger/assets/swagger-ui.css',
      '/swagger/assets/swagger-init.js',
      '/swagger/assets/swagger-dark.css',
    ]) {
      const res = await headersOf(`${daemon.url}${path}`);
      expect(res.status, path).toBe(200);
      expectSecure(path, res);
    }
  });

  it('sends nosniff on errors: 400, 403, 404, 405 and 401', async () => {
    const errors = [
      [await headersOf(`${daemon.url}/api/stats?time_range=yesterday`, auth), 400],
      [
        await headersOf(`${daemon.url}/api/stats`, { ...auth, headers: { ...auth.headers, host: 'evil.example.com' } }),
        403,
      ],
      [await headersOf(`${daemon.url}/nope`, auth), 404],
      [await headersOf(`${daemon.url}/api/stats`, { ...auth, method: 'DELETE' }), 405],
    ] as const;
    for (const [res, status] of errors) {
      expect(res.status).toBe(status);
      expectSecure(String(status), res);
    }
    const raw = await rawRequest(daemon.port, rawGet('/api/stats', { host: 'evil.example.com' }));
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
    if ('access' in config) {
      const denied = await headersOf(`${daemon.url}/api/stats`);
      expect(denied.status).toBe(401);
      expectSecure('401', denied);
    }
  });
});
