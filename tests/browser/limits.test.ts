// The dashboard's plan-limits panel in headless Chromium against the compiled binary: hidden until a figure is
// recorded, then one bar per window with its reset countdown, once the status line's spool has a sample.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { sampleToSpoolLine } from '../../src/ledger/limit-samples.ts';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

const CHROMIUM = '/usr/bin/chromium';
let binary = '';
let root: TempDir;
let profile: TempDir;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  binary = await compiledBinary();
  root = await tempDir('cco-limits-');
  await generateDemoRoot(join(root.path, 'claude'), { now: Date.now(), sessions: 4 });
  profile = await tempDir('cco-chromium-');
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile.path,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await profile?.[Symbol.asyncDispose]();
  await root?.[Symbol.asyncDispose]();
});

describe.skipIf(!existsSync(CHROMIUM))('dashboard plan limits', () => {
  it('shows a bar per window with its reset countdown once a sample is recorded', async () => {
    const state = join(root.path, 'state');
    await using daemon = await spawnDaemon(
      binary,
      ['--data-dir', join(root.path, 'claude'), '--no-persist', '--interval', '300ms'],
      { XDG_STATE_HOME: state },
    );
    const page = await browser.newPage();
    await page.goto(daemon.url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid="status"][data-state="live"]', { timeout: 20_000 });
    expect(await page.$eval('[data-testid="limits-panel"]', (el): boolean => el.hidden)).toBe(true);
    const now = Date.now();
    await mkdir(join(state, 'cco'), { recursive: true });
    const sample = (window: 'five_hour' | 'seven_day', usedPercent: number, resetsIn: number) =>
      `${sampleToSpoolLine({ window, usedPercent, resetsAt: now + resetsIn, observedAt: now, session: 's', source: 'statusline', model: undefined })}\n`;
    await writeFile(
      join(state, 'cco', 'limits.jsonl'),
      sample('five_hour', 42, 2 * 3_600_000) + sample('seven_day', 85, 3 * 86_400_000),
    );
    await page.waitForSelector('[data-testid="limit-row"]', { timeout: 20_000 });
    const rows = await page.$$eval('[data-testid="limit-row"]', (els) =>
      els.map((el) => [
        el.getAttribute('data-window'),
        el.getAttribute('data-percent'),
        el.querySelector('[data-testid="limit-note"]')?.textContent ?? '',
      ]),
    );
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['five_hour', '42'],
      ['seven_day', '85'],
    ]);
    expect(rows[0]?.[2]).toMatch(/^resets in 1h 5\dm|^resets in 2h 00m/);
    await page.close();
  }, 60_000);
});
