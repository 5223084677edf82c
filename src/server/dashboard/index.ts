// The web dashboard at `/`: one HTML page, its script (bundled from src/web when the binary is built) and its
// stylesheet, all inside the binary. They hold no usage data, so they need no token; the page asks for one itself.
import { Elysia, t } from 'elysia';
import page from '../../web/index.html' with { type: 'file' };
import stylesheet from '../../web/style.css' with { type: 'file' };
import { bundleScript } from './bundle.ts' with { type: 'macro' };
import { HTML_CSP, NOSNIFF } from '../security-headers.ts';

const SCRIPT = bundleScript('web/main.ts');

export const DASHBOARD_PATH = '/';
export const SCRIPT_PATH = '/assets/dashboard.js';
export const STYLE_PATH = '/assets/dashboard.css';

/** Every path this plugin serves: open without a token (see auth/open-paths.ts). */
export const DASHBOARD_PATHS: readonly string[] = [DASHBOARD_PATH, SCRIPT_PATH, STYLE_PATH];

// The page renders data as text only, under the strict CSP every HTML page gets (security-headers.ts).
// A new binary may serve new assets under the same names: browsers revalidate every time (they are a few KB).
const headers = (type: string): Record<string, string> => ({
  'content-type': type,
  'cache-control': 'no-cache',
  ...NOSNIFF,
  'referrer-policy': 'no-referrer',
});

const PAGE_HEADERS = { ...headers('text/html; charset=utf-8'), 'content-security-policy': HTML_CSP };
const SCRIPT_HEADERS = headers('text/javascript; charset=utf-8');
const STYLE_HEADERS = headers('text/css; charset=utf-8');

// Bun's types call every `*.html` import an HTMLBundle; with `type: 'file'` it is the embedded file's path.
const pagePath = page as unknown as string;

const hidden = { response: { 200: t.String() }, detail: { hide: true } } as const;

export const dashboardRoutes = () =>
  new Elysia({ name: 'dashboard' })
    .get(DASHBOARD_PATH, () => new Response(Bun.file(pagePath), { headers: PAGE_HEADERS }), hidden)
    .get(SCRIPT_PATH, () => new Response(SCRIPT, { headers: SCRIPT_HEADERS }), hidden)
    .get(STYLE_PATH, () => new Response(Bun.file(stylesheet), { headers: STYLE_HEADERS }), hidden);
