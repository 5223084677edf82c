// `cco monitor` in a real terminal (tmux): the figures equal /api/stats, appended usage shows within two refreshes,
// keys and resizes work, and every way out leaves the alternate screen with the cursor visible.
import { beforeAll, describe, expect, it } from 'bun:test';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { sampleToSpoolLine } from '../../src/ledger/limit-samples.ts';
import { formatCount, formatUsd } from '../../src/text/format.ts';
import type { StatsBody } from '../../src/tui/types.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { compiledBinary, isolatedEnv, spawnDaemon, type Daemon } from '../helpers/binary.ts';
import { tempDir } from '../helpers/temp.ts';
import { openPane, TMUX, type Pane } from './tmux.ts';

let binary = '';
beforeAll(async () => {
  if (TMUX) binary = await compiledBinary();
}, 120_000);

const REFRESH_MS = 1000;
const PANE_ENV = { ...isolatedEnv(), NO_COLOR: '1', TZ: 'UTC', HOME: '/nonexistent-home', TERM: 'tmux-256color' };

async function stats(daemon: Daemon, range: string): Promise<StatsBody> {
  return (await (await fetch(`${daemon.url}/api/stats?time_range=${range}`)).json()) as StatsBody;
}

async function ready(daemon: Daemon): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (((await (await fetch(`${daemon.url}/api/health`)).json()) as { ready: boolean }).ready) return;
    await Bun.sleep(25);
  }
  throw new Error('daemon never became ready');
}

/** The totals line and every model row of the screen equal the body. */
function expectFigures(screen: string, body: StatsBody): void {
  const t = body.totals;
  expect(screen).toContain(
    `Cost ${formatUsd(t.cost)}   Tokens ${formatCount(t.total_tokens)}   Messages ${formatCount(t.messages)}   Failed ${formatCount(t.requests_failed)}`,
  );
  const lines = screen.split('\n');
  for (const model of body.models) {
    const row = lines.find((l) => l.includes(` ${model.model} `)) ?? `(no row for ${model.model})`;
    expect(row).toContain(formatUsd(model.cost));
    expect(row).toContain(formatCount(model.tokens));
    expect(row).toContain(`${model.percentage.toFixed(1)}%`);
  }
}

async function expectRestored(pane: Pane, code: number, screenBefore: string): Promise<void> {
  const after = await pane.waitFor((s) => s.includes('cco-exit='), 5000, 'the exit code');
  expect(after).toContain(`cco-exit=${code}`);
  expect(await pane.display('#{alternate_on}')).toBe('0');
  expect(await pane.display('#{cursor_flag}')).toBe('1');
  // The shell's screen is back: nothing of the monitor's frame is left on it.
  expect(after).not.toContain('q quit');
  expect(screenBefore).toContain('q quit');
}

describe.skipIf(!TMUX)('cco monitor in tmux', () => {
  it('shows the figures of /api/stats, follows new usage within two refreshes, and restores the terminal on q', async () => {
    await using data = await tempDir('cco-monitor-');
    await generateDemoRoot(data.path, { now: Date.now(), sessions: 20 });
    await using daemon = await spawnDaemon(binary, ['--data-dir', data.path, '--interval', '200ms'], { TZ: 'UTC' });
    await ready(daemon);
    await using pane = await openPane(
      data.path,
      120,
      40,
      [binary, 'monitor', '--url', daemon.url, '--refresh', `${REFRESH_MS}ms`, '--time-range', 'all'],
      PANE_ENV,
    );
    expect(await pane.display('#{window_width}x#{window_height}')).toBe('120x40');

    const before = await stats(daemon, 'all');
    let screen = await pane.waitFor((s) => s.includes('Cost $'), 10_000, 'the totals');
    expect(screen.split('\n')[0]).toContain(`cco monitor · ● live · ${daemon.url} · range: all time`);
    expect(await pane.display('#{alternate_on}')).toBe('1');
    expectFigures(screen, before);

    // Claude Code writes a new response: the screen shows it within two refresh intervals.
    const usage = { input: 1_234, output: 5_678, cacheWrite: 90_000, cacheRead: 3_000_000 };
    const added = usage.input + usage.output + usage.cacheWrite + usage.cacheRead;
    const line = assistant({
      ...usage,
      id: 'msg_monitor_live',
      requestId: 'req_monitor_live',
      sessionId: 'live',
      timestamp: new Date().toISOString(),
    });
    const project = join(data.path, 'projects', '-home-ada-src-live');
    await mkdir(project, { recursive: true });
    await appendFile(join(project, 'live.jsonl'), `${line}\n`);
    screen = await pane.waitFor(
      (s) => s.includes(`Tokens ${formatCount(before.totals.total_tokens + added)} `),
      2 * REFRESH_MS,
      'the appended usage',
    );
    const after = await stats(daemon, 'all');
    expect(after.totals.total_tokens).toBe(before.totals.total_tokens + added);
    expectFigures(screen, after);

    // t cycles all → today; the figures follow the range.
    await pane.keys('t');
    screen = await pane.waitFor((s) => s.includes('range: today') && !s.includes('loading'), 5000, 'the today range');
    expectFigures(screen, await stats(daemon, 'today'));

    // ? shows the keys; Esc closes them.
    await pane.keys('?');
    await pane.waitFor((s) => s.includes('q, Ctrl-C   quit'), 5000, 'the help');
    await pane.keys('Escape');
    await pane.waitFor((s) => !s.includes('q, Ctrl-C   quit') && s.includes('Cost $'), 5000, 'the figures again');

    // A smaller terminal: the next frame fits it.
    await pane.resize(80, 24);
    screen = await pane.waitFor(
      (s) => s.split('\n').length === 24 && s.split('\n').at(-1)?.includes('q quit') === true,
      5000,
      'an 80×24 frame',
    );
    for (const row of screen.split('\n')) expect(Bun.stringWidth(row)).toBeLessThanOrEqual(80);

    await pane.keys('q');
    await expectRestored(pane, 0, screen);
  });

  it('says the daemon is not reachable, keeps retrying, and shows it once it answers', async () => {
    await using data = await tempDir('cco-monitor-');
    await generateDemoRoot(data.path, { now: Date.now(), sessions: 6 });
    const free = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('') });
    const port = free.port;
    free.stop(true);
    const url = `http://127.0.0.1:${port}`;
    await using pane = await openPane(
      data.path,
      100,
      30,
      [binary, 'monitor', '--url', url, '--refresh', '300ms', '--time-range', 'all'],
      PANE_ENV,
    );
    const down = await pane.waitFor((s) => s.includes('not reachable'), 10_000, 'the retry line');
    expect(down).toContain(`✖ ${url} not reachable, retrying every 0.3s (connection refused)`);

    await using daemon = await spawnDaemon(
      binary,
      ['--data-dir', data.path, '--port', String(port), '--interval', '200ms'],
      { TZ: 'UTC' },
    );
    await ready(daemon);
    const body = await stats(daemon, 'all');
    const up = await pane.waitFor((s) => s.includes(`Cost ${formatUsd(body.totals.cost)}`), 10_000, 'the figures');
    expect(up).not.toContain('not reachable');
    await pane.keys('C-c');
    await expectRestored(pane, 0, up);
  });

  it('shows no plan limits until the daemon has some, then a bar, reset and forecast per window', async () => {
    await using data = await tempDir('cco-monitor-');
    await generateDemoRoot(join(data.path, 'claude'), { now: Date.now(), sessions: 6 });
    const state = join(data.path, 'state');
    await using daemon = await spawnDaemon(
      binary,
      ['--data-dir', join(data.path, 'claude'), '--no-persist', '--interval', '200ms'],
      { TZ: 'UTC', XDG_STATE_HOME: state },
    );
    await ready(daemon);
    await using pane = await openPane(
      data.path,
      140,
      40,
      [binary, 'monitor', '--url', daemon.url, '--refresh', '300ms', '--time-range', 'all'],
      PANE_ENV,
    );
    const before = await pane.waitFor((s) => s.includes('Cost $'), 10_000, 'the totals');
    expect(before).not.toContain('Plan limits');

    // The status line spooled samples: the 5-hour window rose 20 % in the last hour, the weekly one is flat.
    const now = Date.now();
    const sample = (window: 'five_hour' | 'seven_day', usedPercent: number, agoMs: number, resetsIn: number) =>
      `${sampleToSpoolLine({ window, usedPercent, resetsAt: now + resetsIn, observedAt: now - agoMs, session: 's', source: 'statusline', model: undefined })}\n`;
    const fiveHourReset = 3 * 3_600_000;
    const weekReset = 3 * 86_400_000;
    const lines = [
      sample('five_hour', 40, 3_600_000, fiveHourReset),
      sample('five_hour', 50, 1_800_000, fiveHourReset),
      sample('five_hour', 60, 0, fiveHourReset),
      sample('seven_day', 30, 3_600_000, weekReset),
      sample('seven_day', 30, 0, weekReset),
    ];
    await mkdir(join(state, 'cco'), { recursive: true });
    await writeFile(join(state, 'cco', 'limits.jsonl'), lines.join(''));
    const screen = await pane.waitFor((s) => s.includes('Plan limits') && s.includes(' 7-day '), 10_000, 'the limits');
    const rows = screen.split('\n');
    const fiveHour = rows.find((l) => l.startsWith(' 5-hour ')) ?? '(no 5-hour row)';
    const week = rows.find((l) => l.startsWith(' 7-day ')) ?? '(no 7-day row)';
    expect(fiveHour).toMatch(/ 60%  resets in (2h 59m|3h 00m) · 20\.0%\/h · 100% in (1h 59m|2h 00m), before the reset/);
    expect(week).toMatch(/ 30%  resets in (2d 23h|3d 00h) · 0\.0%\/h · no limit at this rate/);
    expect([...fiveHour].filter((c) => c === '█').length).toBeGreaterThan([...week].filter((c) => c === '█').length);
    for (const row of rows) expect(Bun.stringWidth(row)).toBeLessThanOrEqual(140);
    await pane.keys('q');
    await expectRestored(pane, 0, screen);
  });

  it('restores the terminal when it is killed with SIGTERM', async () => {
    await using dir = await tempDir('cco-monitor-');
    await using pane = await openPane(
      dir.path,
      100,
      30,
      [binary, 'monitor', '--url', 'http://127.0.0.1:9', '--refresh', '5s'],
      PANE_ENV,
    );
    const screen = await pane.waitFor((s) => s.includes('q quit'), 10_000, 'the monitor');
    process.kill(await pane.pid(), 'SIGTERM');
    await expectRestored(pane, 143, screen);
  });

  it('refuses to run without a terminal', async () => {
    const proc = Bun.spawn([binary, 'monitor', '--url', 'http://127.0.0.1:9'], {
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
      env: { ...process.env, ...PANE_ENV },
    });
    const [code, out, err] = await Promise.all([
      proc.exited,
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
    ]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim()).toBe(
      "cco: cco monitor needs an interactive terminal (use 'cco stats' or 'cco stats --json' in scripts)",
    );
  });
});
