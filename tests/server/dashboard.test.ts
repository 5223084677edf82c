// The dashboard's page and assets as HTTP answers: HTML at `/`, script and stylesheet from this server, open without
// a token (they hold no data) while the API stays closed, and kept out of the OpenAPI document.
import { describe, expect, it } from 'bun:test';
import { manualClock } from '../../src/platform/clock.ts';
import { StatsCache } from '../../src/cache/stats-cache.ts';
import { createApp } from '../../src/server/app.ts';
import { DASHBOARD_PATHS } from '../../src/server/dashboard/index.ts';
import type { AccessConfig } from '../../src/server/types.ts';

const TOKEN = 'dashboard-token-0123456789';

function app(access?: AccessConfig) {
  const clock = manualClock(Date.UTC(2026, 10, 28, 12));
  const cache = new StatsCache({ clock, intervalMs: 2000, startedAtMs: clock.now(), port: () => 0 });
  const a = createApp({ clock, version: '9.9.9', startedAt: clock.monotonic(), cache, coldTimeoutMs: 10, access });
  return (path: string, init: RequestInit = {}) => a.handle(new Request(`http://localhost${path}`, init));
}

/** Every src/href in the page. */
const references = (html: string): string[] => [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');

describe('GET /', () => {
  it('serves the page as HTML with a same-origin-only content security policy', async () => {
    const res = await app()('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('data-testid="total-cost"');
  });

  it('references only assets this server serves, with their content types', async () => {
    const get = app();
    const refs = references(await (await get('/')).text());
    const local = refs.filter((r) => !r.startsWith('data:') && !r.startsWith('/swagger'));
    expect(local.toSorted()).toEqual(['/assets/dashboard.css', '/assets/dashboard.js']);
    for (const ref of refs) expect(ref, 'no CDN or other host').toMatch(/^(\/[^/]|data:)/);
    const script = await get('/assets/dashboard.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const js = await script.text();
    expect(js.length).toBeGreaterThan(1000);
    expect(js, 'bundled: no import of another module').not.toMatch(/\bimport\s*[{(*"']/);
    const style = await get('/assets/dashboard.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await style.text()).toContain('prefers-color-scheme: dark');
  });

  it('leaves other paths to the JSON 404', async () => {
    const get = app();
    for (const path of ['/index.html', '/assets/', '/assets/nope.js', '/assets/dashboard.js/x']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    }
  });

  it('serves the page and its assets without a token while the API still requires one', async () => {
    const get = app({ token: TOKEN });
    for (const path of DASHBOARD_PATHS) expect((await get(path)).status, path).toBe(200);
    expect((await get('/api/stats')).status).toBe(401);
    expect((await get('/api/metrics/history')).status).toBe(401);
    expect((await get('/?x=/api/stats')).status).toBe(200);
  });

  it('is not part of the OpenAPI document', async () => {
    const doc = (await (await app()('/swagger/json')).json()) as { paths: Record<string, unknown> };
    for (const path of DASHBOARD_PATHS) expect(Object.keys(doc.paths)).not.toContain(path);
  });
});
