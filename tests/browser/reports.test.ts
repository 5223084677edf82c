// The dashboard's Reports view in headless Chromium (puppeteer-core, Debian's /usr/bin/chromium) against the compiled
// binary on demo data: its bars and rows carry exactly the figures of /api/reports for the dates and zone chosen,
// changing either changes the rows, the tables sort from the keyboard, sessions filter by project, the CSV download
// is what the table shows, and nothing is wider than a 390 px screen.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { compiledBinary, spawnDaemon, type Daemon } from '../helpers/binary.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const NOW = Date.now();
const DAY = 86_400_000;

interface Row {
  date?: string;
  week?: string;
  month?: string;
  sessionId?: string;
  cwd?: string | null;
  projectPath?: string;
  lastActivity?: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  totalCost: number;
  modelsUsed: string[];
}
type Body = Record<string, Row[]>;

let binary = '';
let root: TempDir;
let profile: TempDir;
let downloads: TempDir;
let browser: Browser;
let daemon: Daemon;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  binary = await compiledBinary();
  root = await tempDir('cco-reports-view-');
  await generateDemoRoot(root.path, { now: NOW, sessions: 30, spanDays: 40 });
  profile = await tempDir('cco-chromium-');
  downloads = await tempDir('cco-downloads-');
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile.path,
    args: FLAGS,
  });
  daemon = await spawnDaemon(binary, ['--data-dir', root.path, '--no-persist', '--interval', '1s']);
}, 120_000);

afterAll(async () => {
  await daemon?.[Symbol.asyncDispose]();
  await browser?.close();
  for (const dir of [profile, downloads, root]) await dir?.[Symbol.asyncDispose]();
});

async function open(width = 1280): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`)));
  page.on('pageerror', (e) => problems.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
  await page.goto(`${daemon.url}/#reports`, { waitUntil: 'domcontentloaded' });
  await loaded(page);
  return { page, problems };
}

/** Waits for the view to show the answer to `query` (URL-encoded), or to any answer. */
const loaded = (page: Page, query?: string) =>
  page.waitForSelector(`[data-testid="reports-view"][data-state="loaded"]${query ? `[data-query="${query}"]` : ''}`, {
    timeout: 20_000,
  });

async function apiReport(kind: string, query: string): Promise<Body> {
  const res = await fetch(`${daemon.url}/api/reports/${kind}?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Body;
}

const dataset = (page: Page, id: string) =>
  page.$$eval(`[data-testid="${id}"]`, (els) => els.map((el): Record<string, string> => ({ ...el.dataset })));

/** The period rows as the page holds them, in the API's terms. */
async function periodRows(page: Page) {
  return (await dataset(page, 'report-row')).map((r) => ({
    label: r.label,
    inputTokens: Number(r.input),
    outputTokens: Number(r.output),
    cacheCreationTokens: Number(r.cacheCreation),
    cacheReadTokens: Number(r.cacheRead),
    totalTokens: Number(r.totalTokens),
    totalCost: Number(r.cost),
    modelsUsed: r.models ? r.models.split(',') : [],
  }));
}

const apiRows = (rows: Row[]) =>
  rows.map((r) => ({
    label: r.date ?? r.week ?? r.month,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cacheCreationTokens: r.cacheCreationTokens,
    cacheReadTokens: r.cacheReadTokens,
    totalTokens: r.totalTokens,
    totalCost: r.totalCost,
    modelsUsed: r.modelsUsed,
  }));

/** Sets a form control's value as a user would, then lets the page hear the change. */
async function choose(page: Page, id: string, value: string): Promise<void> {
  await page.$eval(
    `[data-testid="${id}"]`,
    (el, v) => {
      const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
      input.value = v;
      input.dispatchEvent(
        new (el.ownerDocument.defaultView as unknown as { Event: new (t: string) => unknown }).Event('change'),
      );
    },
    value,
  );
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const queryOf = (tz: string, since: string, until: string) => new URLSearchParams({ tz, since, until }).toString();

describe.skipIf(!existsSync(CHROMIUM))('the Reports view in headless Chromium', () => {
  it('shows the figures of /api/reports, and other rows when the dates or the zone change', async () => {
    const { page, problems } = await open();
    const since = iso(NOW - 35 * DAY);
    const until = iso(NOW);
    const seen = new Map<string, string>();
    for (const [tz, from, kind] of [
      ['UTC', since, 'daily'],
      ['Asia/Kathmandu', since, 'daily'],
      ['Asia/Kathmandu', iso(NOW - 7 * DAY), 'daily'],
      ['America/Los_Angeles', since, 'weekly'],
      ['America/Los_Angeles', since, 'monthly'],
    ] as const) {
      await choose(page, 'report-zone', tz);
      await choose(page, 'report-since', from);
      await choose(page, 'report-until', until);
      if ((await page.$eval('[data-testid="reports-view"]', (el) => el.getAttribute('data-kind'))) !== kind)
        await page.click(`[data-testid="report-period"] button[data-period="${kind}"]`);
      const query = queryOf(tz, from, until);
      await page.waitForSelector(
        `[data-testid="reports-view"][data-state="loaded"][data-kind="${kind}"][data-query="${query}"]`,
      );
      const [body, sessions] = await Promise.all([apiReport(kind, query), apiReport('session', query)]);
      const rows = await periodRows(page);
      expect(rows).toEqual(apiRows(body[kind] ?? []));
      expect(rows.length).toBeGreaterThan(0);
      const bars = (await dataset(page, 'report-bar')).map((b) => ({ label: b.label, totalCost: Number(b.cost) }));
      expect(bars).toEqual(rows.map((r) => ({ label: r.label, totalCost: r.totalCost })));
      const shownSessions = (await dataset(page, 'session-row')).map((r) => r.session).sort();
      expect(shownSessions).toEqual((sessions.sessions ?? []).map((s) => s.sessionId ?? '').sort());
      seen.set(`${tz} ${from} ${kind}`, JSON.stringify(rows));
    }
    // Each choice gave rows of its own: the zone moves usage between days, the dates cut rows off.
    expect(new Set(seen.values()).size).toBe(seen.size);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('sorts from the keyboard, filters sessions by project, and downloads the CSV of what is shown', async () => {
    const { page, problems } = await open();
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads.path });

    // Keyboard: Tab to the cost header's button, Enter sorts costliest first, Enter again cheapest first.
    await page.focus('[data-testid="report-table"] button[data-sort="period"]');
    let focused = '';
    for (let i = 0; i < 12 && focused !== 'totalCost'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.$eval('html', (el): string => {
        const active = el.ownerDocument.activeElement as unknown as { dataset?: Record<string, string> } | null;
        return active?.dataset?.sort ?? '';
      });
    }
    expect(focused).toBe('totalCost');
    await page.keyboard.press('Enter');
    const costs = async () => (await periodRows(page)).map((r) => r.totalCost);
    const down = await costs();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await page.keyboard.press('Enter');
    expect(await costs()).toEqual([...down].reverse());
    expect(
      await page.$eval('[data-testid="report-table"] th:has(button[data-sort="totalCost"])', (el) =>
        el.getAttribute('aria-sort'),
      ),
    ).toBe('ascending');

    // Search sessions by project.
    const all = await dataset(page, 'session-row');
    const project = all[0]?.project ?? '';
    const name = project.slice(project.lastIndexOf('/') + 1);
    await page.type('[data-testid="session-search"]', name);
    const filtered = await dataset(page, 'session-row');
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.length);
    expect(filtered.every((r) => (r.project ?? '').includes(name))).toBe(true);

    // Both CSV files hold exactly the rows shown, in the order shown.
    await page.click('[data-testid="report-csv"]');
    await page.click('[data-testid="session-csv"]');
    let files: string[] = [];
    for (let i = 0; i < 50 && files.length < 2; i++) {
      files = (await readdir(downloads.path)).filter((f) => f.endsWith('.csv'));
      await Bun.sleep(100);
    }
    const lines = async (match: string) => {
      const file = files.find((f) => f.includes(match)) ?? '';
      const text = await readFile(join(downloads.path, file), 'utf8');
      return text
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(','));
    };
    const [head = [], ...periodLines] = await lines('daily');
    const cost = head.indexOf('totalCost');
    expect(periodLines.map((l) => Number(l[cost]))).toEqual(await costs());
    const [sessionHead = [], ...sessionLines] = await lines('sessions');
    const id = sessionHead.indexOf('sessionId');
    expect(sessionLines.map((l) => l[id])).toEqual(filtered.map((r) => r.session));
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('fits a 390 px screen, the tables scrolling inside their panels', async () => {
    const { page, problems } = await open(390);
    expect(await page.$eval('html', (el): number => el.scrollWidth)).toBeLessThanOrEqual(390);
    expect(
      Number((await page.$eval('[data-testid="report-chart"]', (el) => el.getAttribute('viewBox')))?.split(' ')[2]),
    ).toBeLessThanOrEqual(390);
    await page.click('[data-testid="view-picker"] button[data-view="live"]');
    await page.waitForSelector('[data-testid="reports-view"][hidden]');
    expect(
      await page.$eval('[data-testid="live-view"]', (el): boolean => (el as unknown as { hidden: boolean }).hidden),
    ).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
