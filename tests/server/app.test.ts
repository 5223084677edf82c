import { describe, expect, it } from 'bun:test';
import { manualClock } from '../../src/platform/clock.ts';
import { StatsCache } from '../../src/cache/stats-cache.ts';
import { createApp } from '../../src/server/app.ts';

const clock = manualClock(Date.UTC(2026, 10, 28, 12));
const cache = new StatsCache({ clock, intervalMs: 2000, startedAtMs: clock.now(), port: () => 0 });
const app = createApp({ clock, version: '9.9.9', startedAt: clock.monotonic(), cache, coldTimeoutMs: 10 });
const get = (path: string) => app.handle(new Request(`http://localhost${path}`));

describe('GET /api/health', () => {
  it('answers status, version and uptime in seconds', async () => {
    clock.advance(1500);
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      version: '9.9.9',
      uptime_s: 1.5,
      ready: false,
      last_tick: null,
    });
  });
});

describe('unknown routes', () => {
  it.each(['/nope', '/api/nope', '/api/health/extra'])('answer %p with a JSON 404', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('OpenAPI document', () => {
  it('lists every API route with a response schema', async () => {
    const res = await get('/swagger/json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
      >;
    };
    expect(doc.openapi).toStartWith('3.1');
    const apiRoutes = app.routes.filter((r) => r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);
    expect(apiRoutes.length).toBeGreaterThan(0);
    for (const route of apiRoutes) {
      const [method = '', path = ''] = route.split(' ');
      // OpenAPI writes a path parameter `:id` as `{id}`.
      const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(op, route).toBeDefined();
      // JSON for most routes; text for the event stream (GET /api/events).
      const content = op?.responses?.['200']?.content ?? {};
      const schema = (content['application/json'] ?? content['text/plain'])?.schema;
      expect(schema, `${route} declares a 200 response schema`).toBeDefined();
    }
  });
});

describe('Swagger UI', () => {
  it.each(['/swagger', '/swagger/'])('serves %p with every asset from this server', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const ref of refs) {
      expect(ref, 'asset is local, not a CDN').toStartWith('/');
      const asset = await get(ref);
      expect(asset.status, ref).toBe(200);
      expect(asset.headers.get('content-type'), ref).toMatch(ref.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    // The UI's bundle and stylesheet are the real ones, not stubs.
    expect((await (await get('/swagger/assets/swagger-ui-bundle.js')).arrayBuffer()).byteLength).toBeGreaterThan(
      100_000,
    );
    expect((await (await get('/swagger/assets/swagger-ui.css')).arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    // No inline code (the page's CSP allows none): every script has a src, there is no style element.
    expect([...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)]).toEqual([]);
    expect(html).not.toContain('<style');
    const specUrl = /data-spec-url="([^"]+)"/.exec(html)?.[1];
    expect(specUrl).toBe('/swagger/json');
    // The spec URL must resolve to the document from both /swagger and /swagger/.
    const resolved = new URL(specUrl ?? '', `http://localhost${path}`).pathname;
    expect((await get(resolved)).status).toBe(200);
  });
});
