// Access control: Bearer token on every route but /api/health and the docs, CORS only with --cors, the bind policy.
import { beforeAll, describe, expect, it } from 'bun:test';
import { corsOriginProblem, decideAccess, isLoopbackHost, tokenProblem } from '../../src/server/auth/bind-policy.ts';
import { isOpenRequest } from '../../src/server/auth/open-paths.ts';
import { bearerToken, generateToken, tokensEqual } from '../../src/server/auth/token.ts';
import type { AccessConfig } from '../../src/server/types.ts';
import { cli } from '../helpers/cli.ts';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { rawGet, rawRequest } from '../helpers/raw-http.ts';
import { demoRootForFile } from '../helpers/demo-root.ts';
import { tempDir } from '../helpers/temp.ts';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const TOKEN = 'test-token-0123456789abcdef';
const ORIGIN = 'http://localhost:5173';
const DOC_PATHS = [
  '/swagger',
  '/swagger/',
  '/swagger/json',
  '/swagger/assets/swagger-ui-bundle.js',
  '/swagger/assets/swagger-ui.css',
];

const root = demoRootForFile('cco-auth-', { now: NOW, sessions: 4 });

async function stack(access?: AccessConfig) {
  const s = metricsStack(root.path, { access });
  await s.aggregator.tickNow();
  const get = (path: string, init: RequestInit = {}) => s.app.handle(new Request(`http://localhost${path}`, init));
  return { ...s, get };
}
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('tokensEqual (constant-time compare)', () => {
  it('accepts only the identical token', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(`${TOKEN.slice(0, -1)}X`, TOKEN)).toBe(false);
  });

  it.each([
    ['shorter', TOKEN.slice(0, -1)],
    ['longer', `${TOKEN}x`],
    ['a prefix', TOKEN.slice(0, 4)],
    ['empty', ''],
    ['multi-byte with the same character count', `${TOKEN.slice(0, -1)}é`],
  ])('rejects a %s token without throwing', (_name, given) => {
    expect(tokensEqual(given, TOKEN)).toBe(false);
  });

  it('rejects a missing token', () => {
    expect(tokensEqual(undefined, TOKEN)).toBe(false);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER  abc ', 'abc'],
  ])('reads %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([null, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a b', 'Bearerabc'])(
    'finds no token in %p',
    (header) => {
      expect(bearerToken(header)).toBeUndefined();
    },
  );
});

describe('isOpenRequest', () => {
  it.each([
    'http://localhost/api/health',
    'http://localhost:3000/api/health?verbose=1',
    'http://127.0.0.1:3000/swagger',
    'http://127.0.0.1:3000/swagger/json',
    'http://[::1]:3000/swagger/assets/swagger-ui.css',
  ])('lets %p through without a token', (url) => {
    expect(isOpenRequest(url)).toBe(true);
  });

  it.each([
    'http://localhost/api/stats',
    'http://localhost/api/healthz',
    'http://localhost/api/health/extra',
    'http://localhost/swagger/assets/x',
    'http://localhost/swagger/assets/..%2f..%2fapi/stats',
    'http://localhost/api/stats?/api/health',
    'http://x/api/health',
    'http://x/api/stats',
  ])('asks %p for the token', (url) => {
    expect(isOpenRequest(url)).toBe(false);
  });
});

describe('bind policy', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    'localhost',
    'LOCALHOST',
    'api.localhost',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
  ])('treats %p as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '0.0.0.0',
    '::',
    '[::]',
    '192.168.1.10',
    '10.0.0.1',
    'example.com',
    'my-laptop',
    '127.0.0.1.nip.io',
    '::ffff:10.0.0.1',
    '128.0.0.1',
  ])('treats %p as reachable from outside', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('leaves a loopback bind open and generates a token for any other bind', () => {
    expect(decideAccess({ hostname: '127.0.0.1' })).toEqual({ access: { corsOrigin: undefined } });
    const outside = decideAccess({ hostname: '0.0.0.0' });
    expect(outside.generatedToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(outside.access.token).toBe(outside.generatedToken ?? '');
    expect(decideAccess({ hostname: '0.0.0.0' }).generatedToken).not.toBe(outside.generatedToken);
  });

  it('uses a given token on any bind, loopback included, and never generates one then', () => {
    expect(decideAccess({ hostname: '127.0.0.1', token: TOKEN })).toEqual({
      access: { token: TOKEN, corsOrigin: undefined },
    });
    expect(decideAccess({ hostname: '0.0.0.0', token: TOKEN, corsOrigin: ORIGIN })).toEqual({
      access: { token: TOKEN, corsOrigin: ORIGIN },
    });
  });

  it('generates 256-bit base64url tokens that pass its own checks', () => {
    const token = generateToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenProblem(token)).toBeUndefined();
  });

  it.each([
    ['short', 'at least 16'],
    ['has spaces in it here', 'letters, digits'],
    ['tøken-with-ünicode-chars', 'letters, digits'],
  ])('refuses the token %p', (token, problem) => {
    expect(tokenProblem(token)).toContain(problem);
  });

  it.each([
    ['http://localhost:5173', undefined],
    ['https://dash.example.com', undefined],
    ['http://localhost:5173/', 'did you mean http://localhost:5173'],
    ['*', 'expected an origin'],
    ['null', 'expected an origin'],
    ['file:///tmp/x.html', 'only http and https'],
    ['http://a.com/path', 'no path'],
  ])('judges the CORS origin %p', (origin, problem) => {
    const found = corsOriginProblem(origin);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('routes with a token (app.handle)', () => {
  it('answers 401 JSON with WWW-Authenticate: Bearer when the token is missing', async () => {
    const s = await stack({ token: TOKEN });
    for (const path of ['/api/stats', '/api/metrics/history?range=1h', '/api/nope', '/nope']) {
      const res = await s.get(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="cco"');
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toEqual({
        error: 'unauthorized',
        message: 'this daemon requires a token: send Authorization: Bearer <token>',
      });
    }
  });

  it.each([
    ['a wrong token', `Bearer ${TOKEN.slice(0, -1)}X`],
    ['a shorter token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['a longer token', `Bearer ${TOKEN}X`],
    ['another scheme', `Basic ${btoa(`cco:${TOKEN}`)}`],
  ])('answers 401 to %s', async (_name, authorization) => {
    const s = await stack({ token: TOKEN });
    const res = await s.get('/api/stats', { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toStartWith('Bearer realm="cco"');
    expect(((await res.json()) as { error: string }).error).toBe('unauthorized');
  });

  it('serves every data route with the right token (scheme in any case)', async () => {
    const s = await stack({ token: TOKEN });
    expect((await s.get('/api/stats?time_range=week', bearer(TOKEN))).status).toBe(200);
    expect((await s.get('/api/metrics/history?range=24h', bearer(TOKEN))).status).toBe(200);
    expect((await s.get('/api/stats', { headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200);
    expect((await s.get('/api/nope', bearer(TOKEN))).status).toBe(404);
  });

  it('keeps /api/health open', async () => {
    const s = await stack({ token: TOKEN });
    const res = await s.get('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it.each(DOC_PATHS)('keeps the docs path %p open (it holds no data)', async (path) => {
    const s = await stack({ token: TOKEN });
    expect((await s.get(path)).status).toBe(200);
  });

  it('declares the bearer scheme in the OpenAPI document, with health exempt', async () => {
    const s = await stack({ token: TOKEN });
    const doc = (await (await s.get('/swagger/json')).json()) as {
      components?: { securitySchemes?: Record<string, unknown> };
      security?: unknown;
      paths: Record<string, { get?: { security?: unknown } }>;
    };
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/health']?.get?.security).toEqual([]);
    expect(doc.paths['/api/stats']?.get?.security).toBeUndefined();
  });

  it('declares no security without a token, so Swagger UI shows no Authorize button', async () => {
    const s = await stack();
    const doc = (await (await s.get('/swagger/json')).json()) as {
      components?: { securitySchemes?: unknown };
      security?: unknown;
    };
    expect(doc.security).toBeUndefined();
    expect(doc.components?.securitySchemes).toBeUndefined();
  });

  it('checks the token before the method, so a caller without one learns nothing', async () => {
    const s = await stack({ token: TOKEN });
    expect((await s.get('/api/stats', { method: 'DELETE' })).status).toBe(401);
    expect((await s.get('/api/stats', { method: 'DELETE', ...bearer(TOKEN) })).status).toBe(405);
  });

  it('is open on loopback without a token', async () => {
    const s = await stack();
    expect((await s.get('/api/stats')).status).toBe(200);
  });
});

describe('CORS', () => {
  it('sends no CORS headers by default, not even to a preflight', async () => {
    const s = await stack();
    const responses = [
      await s.get('/api/stats', { headers: { origin: ORIGIN } }),
      await s.get('/nope', { headers: { origin: ORIGIN } }),
      await s.get('/api/stats', {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
      }),
    ];
    for (const res of responses) {
      expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    }
    expect(responses[2]?.status).toBe(405);
  });

  it('allows exactly the --cors origin on answers, errors and 401s', async () => {
    const s = await stack({ token: TOKEN, corsOrigin: ORIGIN });
    for (const res of [
      await s.get('/api/stats', bearer(TOKEN)),
      await s.get('/api/nope', bearer(TOKEN)),
      await s.get('/api/stats'),
      await s.get('/api/health'),
    ]) {
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('vary')).toBe('Origin');
    }
  });

  it('answers a preflight with 204, GET and Authorization, without a token', async () => {
    const s = await stack({ token: TOKEN, corsOrigin: ORIGIN });
    const res = await s.get('/api/stats', {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization');
    expect(res.headers.get('vary')).toBe('Origin');
  });
});

describe('access on a real socket', () => {
  it('enforces the token, keeps health and docs open, and sends CORS headers over HTTP', async () => {
    const s = await stack({ token: TOKEN, corsOrigin: ORIGIN });
    s.app.listen({ port: 0, hostname: '127.0.0.1' });
    const port = s.app.server?.port ?? 0;
    const base = `http://127.0.0.1:${port}`;
    try {
      const denied = await fetch(`${base}/api/stats`);
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="cco"');
      expect(denied.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect((await fetch(`${base}/api/stats`, bearer('nope-nope-nope-nope'))).status).toBe(401);
      const ok = await fetch(`${base}/api/stats`, bearer(TOKEN));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      for (const path of DOC_PATHS) expect((await fetch(`${base}${path}`)).status, path).toBe(200);
      const preflight = await fetch(`${base}/api/stats`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization');
    } finally {
      await s.app.stop(true);
    }
  });

  it('cannot be talked past with path tricks or a short Host header', async () => {
    const s = await stack({ token: TOKEN });
    s.app.listen({ port: 0, hostname: '127.0.0.1' });
    const port = s.app.server?.port ?? 0;
    try {
      const attempts = [
        rawGet('/api/health/../stats'),
        rawGet('/api/health/%2e%2e/stats'),
        rawGet('/swagger/assets/../../api/stats'),
        rawGet('/swagger/assets/..%2f..%2fapi/stats'),
        rawGet('/api/stats?/api/health'),
        rawGet('/api/stats#/api/health'),
        rawGet('/api/stats', { host: 'x' }),
        rawGet('/api/stats', { host: 'x:1' }),
        rawGet('/x/api/health', { host: 'x' }),
        rawGet('http://localhost/api/stats'),
        rawGet('/api/stats', { headers: ['Authorization: Bearer'] }),
        rawGet('/api/stats', { headers: [`Authorization: Bearer ${TOKEN}X`] }),
        rawGet('/api/stats', { headers: [`X-Authorization: Bearer ${TOKEN}`] }),
      ];
      for (const request of attempts) {
        const res = await rawRequest(port, request);
        expect(res.status, request.split('\r\n')[0]).toBeGreaterThanOrEqual(400);
        expect(res.status, request.split('\r\n')[0]).toBeLessThan(500);
        expect(res.body).not.toContain('"totals"');
      }
      expect(
        (await rawRequest(port, rawGet('/api/stats', { headers: [`Authorization: Bearer ${TOKEN}`] }))).status,
      ).toBe(200);
    } finally {
      await s.app.stop(true);
    }
  });
});

describe('cco serve access flags', () => {
  it.each([
    [
      ['serve', '--token', 'short'],
      'cco: invalid token from --token: it is 5 characters; use at least 16 (leave it out on a non-loopback --host and cco generates one)',
    ],
    [['serve', '--cors', '*'], "cco: invalid CORS origin '*': expected an origin like http://localhost:5173"],
    [
      ['serve', '--cors', 'http://localhost:5173/'],
      "cco: invalid CORS origin 'http://localhost:5173/': an origin has no path, query or trailing slash (did you mean http://localhost:5173?)",
    ],
    [['serve', '--token', TOKEN, '--token-file', '/nonexistent'], 'cco: give either --token or --token-file, not both'],
    [['serve', '--token-file', '/nonexistent/token'], 'cco: cannot read token file /nonexistent/token: ENOENT'],
    [
      ['serve', '--allowed-host', 'http://dash.example.com'],
      "cco: invalid allowed host 'http://dash.example.com' from --allowed-host: expected a host name such as my-laptop or dash.example.com (or .example.com for it and its subdomains), without port or scheme",
    ],
  ])('exits 2 with one line for %p', async (argv, line) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(line);
  });
});

describe('compiled binary access', () => {
  let binary = '';
  beforeAll(async () => {
    binary = await compiledBinary();
  }, 120_000);

  it('generates a token for a 0.0.0.0 bind, prints it once, and requires it', async () => {
    await using daemon = await spawnDaemon(binary, ['--host', '0.0.0.0', '--demo', '--no-persist'], { CCO_TOKEN: '' });
    const printed = [...daemon.stderr().matchAll(/generated access token: (\S+)/g)].map((m) => m[1]);
    expect(printed).toHaveLength(1);
    const token = printed[0] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(daemon.stderr()).toContain('token required');
    const base = daemon.url.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const denied = await fetch(`${base}/api/stats`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: 'unauthorized' });
    expect((await fetch(`${base}/api/stats`, bearer(token))).status).toBe(200);
    expect((await fetch(`${base}/swagger`)).status).toBe(200);
    expect(daemon.stderr().split(token).length - 1).toBe(1);
  }, 60_000);

  it('takes CCO_TOKEN on loopback, and sends CORS headers only with --cors', async () => {
    await using daemon = await spawnDaemon(binary, ['--demo', '--no-persist', '--cors', ORIGIN], { CCO_TOKEN: TOKEN });
    expect(daemon.stderr()).not.toContain('generated access token');
    expect((await fetch(`${daemon.url}/api/stats`)).status).toBe(401);
    const ok = await fetch(`${daemon.url}/api/stats`, bearer(TOKEN));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  }, 60_000);

  it('warns once when the token is on the command line, and takes it from --token-file without a warning', async () => {
    await using dir = await tempDir('cco-token-');
    {
      await using daemon = await spawnDaemon(binary, ['--demo', '--no-persist', '--token', TOKEN], { CCO_TOKEN: '' });
      expect(daemon.stderr()).toContain(
        'cco: warning: --token on the command line is visible to every local user (ps); use --token-file PATH or CCO_TOKEN instead\n',
      );
      expect((await fetch(`${daemon.url}/api/stats`, bearer(TOKEN))).status).toBe(200);
    }
    const file = join(dir.path, 'token');
    await writeFile(file, `${TOKEN}\n`);
    await chmod(file, 0o600);
    await using daemon = await spawnDaemon(binary, ['--demo', '--no-persist', '--token-file', file], { CCO_TOKEN: '' });
    expect(daemon.stderr()).not.toContain('warning');
    expect(daemon.stderr()).not.toContain(TOKEN);
    expect((await fetch(`${daemon.url}/api/stats`)).status).toBe(401);
    expect((await fetch(`${daemon.url}/api/stats`, bearer(TOKEN))).status).toBe(200);
  }, 60_000);

  it('answers the Host names of every --allowed-host and of allowed_hosts in the config file, and no other', async () => {
    await using dir = await tempDir('cco-hosts-');
    const config = join(dir.path, 'config.toml');
    await writeFile(config, 'allowed_hosts = ["from-config.example"]\n');
    await using daemon = await spawnDaemon(
      binary,
      ['--demo', '--no-persist', '--config', config, '--allowed-host', 'dash.example.com', '--allowed-host=.lan'],
      { CCO_TOKEN: '' },
    );
    const port = Number(new URL(daemon.url).port);
    for (const host of ['dash.example.com', `nas.lan:${port}`, 'from-config.example', `localhost:${port}`]) {
      for (const path of ['/api/stats', '/api/health', '/metrics'])
        expect((await rawRequest(port, rawGet(path, { host }))).status, `${host} ${path}`).toBe(200);
    }
    for (const host of ['evil.example.com', `example.com:${port}`]) {
      const refused = await rawRequest(port, rawGet('/api/stats', { host }));
      expect(refused.status, host).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({ error: 'host_not_allowed' });
    }
  }, 60_000);

  it('stays open with no CORS headers on loopback by default', async () => {
    await using daemon = await spawnDaemon(binary, ['--demo', '--no-persist'], { CCO_TOKEN: '' });
    const res = await fetch(`${daemon.url}/api/stats`, { headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  }, 60_000);
});
