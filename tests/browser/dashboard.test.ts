// The dashboard in a real headless Chromium (puppeteer-core driving Debian's /usr/bin/chromium) against the compiled
// binary on demo data, with every host but loopback unresolvable: it loads with no failed request, shows exactly what
// /api/stats says, follows appended usage within two intervals, redraws the chart per range, asks for a token once,
// and says when the daemon is gone and comes back.
// CCO_SCREENSHOT_DIR=DIR keeps the screenshots (dashboard.png at 1280×800, dashboard-390.png); README uses the first.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { existsSync } from 'node:fs';
import { appendFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPResponse, type Page } from 'puppeteer-core';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { formatUsd } from '../../src/text/format.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { compiledBinary, spawnDaemon, type Daemon } from '../helpers/binary.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

const CHROMIUM = '/usr/bin/chromium';
const INTERVAL_MS = 500;
const TOKEN = 'dashboard-browser-token-0123';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

type TotalName =
  | 'cost'
  | 'total_tokens'
  | 'input_tokens'
  | 'output_tokens'
  | 'cache_creation_tokens'
  | 'cache_read_tokens'
  | 'messages'
  | 'requests_ok'
  | 'requests_failed'
  | 'avg_response_time';
const TOTALS: Readonly<Record<TotalName, string>> = {
  cost: 'total-cost',
  total_tokens: 'total-tokens',
  input_tokens: 'input-tokens',
  output_tokens: 'output-tokens',
  cache_creation_tokens: 'cache-creation-tokens',
  cache_read_tokens: 'cache-read-tokens',
  messages: 'messages',
  requests_ok: 'requests-ok',
  requests_failed: 'requests-failed',
  avg_response_time: 'avg-response-time',
};

interface StatsBody {
  totals: Record<TotalName, number>;
  models: { model: string; cost: number; tokens: number; percentage: number }[];
  projects: { name: string; cost: number; tokens: number; messages: number; percentage: number }[];
  activity: { recent_calls: { time: string; model: string; tokens: number; cost: number }[] };
}
interface AlertsBody {
  standing: { budget: string; percent: number; exceeded: boolean }[];
}
interface HistoryBody {
  step: string;
  points: { cost: number; tokens: number }[];
}

let binary = '';
let root: TempDir;
let profile: TempDir;
let browser: Browser;

const serveArgs = (...extra: string[]) => [
  '--data-dir',
  root.path,
  '--no-persist',
  '--interval',
  `${INTERVAL_MS}ms`,
  ...extra,
];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  binary = await compiledBinary();
  root = await tempDir('cco-dashboard-');
  await generateDemoRoot(root.path, { now: Date.now(), sessions: 20 });
  profile = await tempDir('cco-chromium-');
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile.path,
    args: FLAGS,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await profile?.[Symbol.asyncDispose]();
  await root?.[Symbol.asyncDispose]();
});

/** A tab on `url` that records every failed request, error status, page error and console error. */
async function open(url: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r: HTTPResponse) => void (r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`)));
  page.on('pageerror', (e) => problems.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { page, problems };
}

const waitLive = (page: Page) => page.waitForSelector('[data-testid="status"][data-state="live"]', { timeout: 20_000 });

async function api<T>(daemon: Daemon, path: string, token?: string): Promise<T> {
  const res = await fetch(`${daemon.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

// Callbacks of $eval/$$eval run in the page; this program has no DOM types, so they only touch the element given.
const attribute = (page: Page, selector: string, name: string) =>
  page.$eval(selector, (el, n) => el.getAttribute(n), name);
const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent);
const isHidden = (page: Page, selector: string) => page.$eval(selector, (el): boolean => el.hidden);
const rows = (page: Page, id: string) =>
  page.$$eval(`[data-testid="${id}"]`, (els) => els.map((el): Record<string, string> => ({ ...el.dataset })));

/** What the page shows, from the exact values it keeps beside the text (data-value, data-*). */
async function shown(page: Page) {
  const totals = {} as Record<TotalName, number>;
  for (const [name, id] of Object.entries(TOTALS) as [TotalName, string][])
    totals[name] = Number(await attribute(page, `[data-testid="${id}"]`, 'data-value'));
  return {
    totals,
    costText: await text(page, '[data-testid="total-cost"]'),
    models: await rows(page, 'model-row'),
    projects: await rows(page, 'project-row'),
    calls: await rows(page, 'call-row'),
  };
}

/** The page's figures in the API's shape, to compare with /api/stats as a whole. */
async function pageStats(page: Page) {
  const s = await shown(page);
  return {
    totals: s.totals,
    models: s.models.map((m) => ({
      model: m.model,
      cost: Number(m.cost),
      tokens: Number(m.tokens),
      percentage: Number(m.percentage),
    })),
    projects: s.projects.map((p) => ({
      name: p.name,
      cost: Number(p.cost),
      tokens: Number(p.tokens),
      messages: Number(p.messages),
      percentage: Number(p.percentage),
    })),
    calls: s.calls.map((c) => ({ time: c.time, model: c.model, tokens: Number(c.tokens), cost: Number(c.cost) })),
    costText: s.costText,
  };
}

function apiStats(stats: StatsBody) {
  const t = stats.totals;
  const totals = {} as Record<TotalName, number>;
  for (const name of Object.keys(TOTALS) as TotalName[]) totals[name] = t[name];
  return {
    totals,
    models: stats.models.map(({ model, cost, tokens, percentage }) => ({ model, cost, tokens, percentage })),
    projects: stats.projects.map(({ name, cost, tokens, messages, percentage }) => ({
      name,
      cost,
      tokens,
      messages,
      percentage,
    })),
    calls: stats.activity.recent_calls.map(({ time, model, tokens, cost }) => ({ time, model, tokens, cost })),
    costText: formatUsd(t.cost),
  };
}

/** Retries `check` until it passes or `timeoutMs` is over (figures fetched by the page and by the test a tick apart). */
async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await Bun.sleep(100);
    }
  }
}

/** The session log written to last: hot for the ingest, so an append is read on the next tick. */
async function newestLog(): Promise<string> {
  let newest = { path: '', mtime: -1 };
  for (const file of new Bun.Glob('projects/**/*.jsonl').scanSync(root.path)) {
    const path = join(root.path, file);
    const { mtimeMs } = await stat(path);
    if (mtimeMs > newest.mtime) newest = { path, mtime: mtimeMs };
  }
  return newest.path;
}

describe.skipIf(!existsSync(CHROMIUM))('dashboard in headless Chromium', () => {
  it('loads with no failed request and shows exactly the figures of /api/stats, per time range, and the budgets', async () => {
    await using daemon = await spawnDaemon(
      binary,
      serveArgs('--budget-daily', '25', '--budget-monthly', '400', '--budget-block', '60'),
    );
    const { page, problems } = await open(`${daemon.url}/`);
    await waitLive(page);
    await page.waitForSelector('[data-testid="model-row"]');
    await page.waitForSelector('[data-testid="chart"][data-points]');
    await eventually(async () =>
      expect(await pageStats(page)).toEqual(apiStats(await api<StatsBody>(daemon, '/api/stats?time_range=today'))),
    );
    expect((await pageStats(page)).models.length).toBeGreaterThan(0);
    await eventually(async () => {
      const budgets = (await rows(page, 'budget-row')).map((b) => ({
        budget: b.budget,
        percent: Number(b.percent),
        exceeded: b.exceeded === 'true',
      }));
      const { standing } = await api<AlertsBody>(daemon, '/api/alerts');
      expect(budgets).toEqual(standing.map(({ budget, percent, exceeded }) => ({ budget, percent, exceeded })));
      expect(budgets.length).toBe(3);
    });

    await page.click('[data-testid="stats-range"] button[data-range="all"]');
    await page.waitForSelector('body[data-stats-range="all"]');
    await eventually(async () =>
      expect(await pageStats(page)).toEqual(apiStats(await api<StatsBody>(daemon, '/api/stats?time_range=all'))),
    );
    await page.click('[data-testid="stats-range"] button[data-range="today"]');
    await page.waitForSelector('body[data-stats-range="today"]');
    expect(problems).toEqual([]);

    const dir = process.env.CCO_SCREENSHOT_DIR;
    await page.mouse.move(0, 0);
    await page.screenshot({ path: dir ? join(dir, 'dashboard.png') : join(profile.path, 'dashboard.png') });

    // Phone width: one column, nothing wider than the screen.
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
    await eventually(async () =>
      expect(Number((await attribute(page, '[data-testid="chart"]', 'viewBox'))?.split(' ')[2])).toBeLessThanOrEqual(
        390,
      ),
    );
    expect(await page.$eval('html', (el): number => el.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({
      path: dir ? join(dir, 'dashboard-390.png') : join(profile.path, 'dashboard-390.png'),
      fullPage: true,
    });

    // Dark mode: a dark background under light text.
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = (css.match(/\d+/g) ?? []).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    const colors = () =>
      page.$eval('body', (el): { bg: string; fg: string } => {
        const style = el.ownerDocument.defaultView.getComputedStyle(el);
        return { bg: style.backgroundColor, fg: style.color };
      });
    const light = await colors();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const dark = await colors();
    expect(luminance(light.bg)).toBeGreaterThan(0.8);
    expect(luminance(dark.bg)).toBeLessThan(0.2);
    expect(luminance(dark.fg)).toBeGreaterThan(0.8);
    await page.close();
  }, 90_000);

  it('shows usage appended to a log within two intervals, without a reload', async () => {
    await using daemon = await spawnDaemon(binary, serveArgs());
    const { page, problems } = await open(`${daemon.url}/`);
    await waitLive(page);
    await page.waitForSelector('[data-testid="model-row"]');
    const before = (await shown(page)).totals.messages;
    const at = new Date().toISOString();
    const id = `msg_dashboard_${Date.now()}`;
    await appendFile(
      await newestLog(),
      `${assistant({ id, requestId: `req_${id}`, timestamp: at, input: 4000, output: 2000, cacheRead: 0, cacheWrite: 0 })}\n`,
    );
    const appended = performance.now();
    await page.waitForSelector(`[data-testid="messages"]:not([data-value="${before}"])`, { timeout: 2 * INTERVAL_MS });
    const latencyMs = performance.now() - appended;
    const page2 = await pageStats(page);
    expect(page2.calls[0]?.time).toBe(at);
    expect(page2).toEqual(apiStats(await api<StatsBody>(daemon, '/api/stats?time_range=today')));
    expect(latencyMs).toBeLessThan(2 * INTERVAL_MS);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('redraws the chart with the data of the range picked', async () => {
    await using daemon = await spawnDaemon(binary, serveArgs());
    const { page, problems } = await open(`${daemon.url}/`);
    await waitLive(page);
    await page.waitForSelector('[data-testid="chart"][data-range="1h"]');
    const bars = () => page.$eval('[data-testid="chart-tokens"]', (el) => el.getAttribute('d') ?? '');
    const drawn = new Map<string, string>([['1h', await bars()]]);
    for (const range of ['7d', '5m', '30d']) {
      await page.click(`[data-testid="chart-range"] button[data-range="${range}"]`);
      await page.waitForSelector(`[data-testid="chart"][data-range="${range}"]`);
      await eventually(async () => {
        const [chart = {}] = await rows(page, 'chart');
        const history = await api<HistoryBody>(daemon, `/api/metrics/history?range=${range}`);
        expect({ step: chart.step, points: Number(chart.points), tokens: Number(chart.tokens) }).toEqual({
          step: history.step,
          points: history.points.length,
          tokens: history.points.reduce((sum, p) => sum + p.tokens, 0),
        });
      });
      drawn.set(range, await bars());
    }
    expect(new Set(drawn.values()).size).toBe(drawn.size);
    expect(await text(page, '[data-testid="chart-range"] button[aria-pressed="true"]')).toBe('30d');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('asks for the token once, tells when it is refused, and keeps it for the tab', async () => {
    await using daemon = await spawnDaemon(binary, serveArgs('--token', TOKEN), { CCO_TOKEN: '' });
    const { page, problems } = await open(`${daemon.url}/`);
    await page.waitForSelector('[data-testid="token-form"]:not([hidden])', { timeout: 20_000 });
    expect(await text(page, '[data-testid="status"]')).toBe('token needed');

    await page.type('#token', 'not-the-token-0123456789');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await text(page, '[data-testid="token-form"] [data-role="message"]')).toContain('refused'),
    );
    await page.waitForSelector('[data-testid="token-form"]:not([hidden])');

    await page.type('#token', TOKEN);
    await page.keyboard.press('Enter');
    await waitLive(page);
    expect(await isHidden(page, '[data-testid="token-form"]')).toBe(true);
    await eventually(async () =>
      expect(await pageStats(page)).toEqual(
        apiStats(await api<StatsBody>(daemon, '/api/stats?time_range=today', TOKEN)),
      ),
    );
    // The only errors so far are the 401s that asked for the token (and Chromium's console lines about them).
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    expect(problems.some((p) => p.startsWith('401: '))).toBe(true);

    problems.length = 0;
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitLive(page);
    await page.waitForSelector('[data-testid="model-row"]');
    expect(await isHidden(page, '[data-testid="token-form"]')).toBe(true);
    expect(
      await page.$eval('html', (el): string | null => el.ownerDocument.defaultView.sessionStorage.getItem('cco.token')),
    ).toBe(TOKEN);
    expect(problems.filter((p) => !p.includes('/api/events'))).toEqual([]);
    await page.close();
  }, 60_000);

  it("says 'disconnected, retrying' when the daemon goes away and goes live again when it is back", async () => {
    const first = await spawnDaemon(binary, serveArgs());
    const port = new URL(first.url).port;
    const { page } = await open(`${first.url}/`);
    await waitLive(page);
    await page.waitForSelector('[data-testid="model-row"]');
    first.proc.kill('SIGTERM');
    await first.proc.exited;
    await page.waitForSelector('[data-testid="status"][data-state="disconnected"]', { timeout: 5000 });
    expect(await text(page, '[data-testid="status"]')).toBe('disconnected, retrying');
    expect(await isHidden(page, '[data-testid="disconnected"]')).toBe(false);
    // The last figures stay on screen meanwhile.
    expect((await shown(page)).models.length).toBeGreaterThan(0);

    await using second = await spawnDaemon(binary, serveArgs('--port', port));
    expect(second.url).toBe(first.url);
    await waitLive(page);
    expect(await isHidden(page, '[data-testid="disconnected"]')).toBe(true);
    await page.close();
  }, 60_000);
});
