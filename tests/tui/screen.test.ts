import { describe, expect, it } from 'bun:test';
import { formatCount, formatUsd } from '../../src/text/format.ts';
import { renderScreen, type ScreenOptions } from '../../src/tui/screen.ts';
import { createStyle } from '../../src/text/style.ts';
import { displayWidth } from '../../src/text/width.ts';
import type { MonitorState } from '../../src/tui/types.ts';
import { healthBody, historyBody, limitsBody, statsBody } from './bodies.ts';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 1);
const plain = createStyle(false);

function state(overrides: Partial<MonitorState> = {}): MonitorState {
  return {
    url: 'http://127.0.0.1:3000',
    range: 'today',
    refreshMs: 2000,
    failures: 0,
    showHelp: false,
    data: { stats: statsBody(), health: healthBody(), history: historyBody() },
    lastOkAt: NOW,
    ...overrides,
  };
}

const options = (width: number, height: number, style = plain): ScreenOptions => ({
  width,
  height,
  style,
  now: NOW,
  home: '/home/ada',
});

describe('monitor screen', () => {
  it.each([
    [120, 40],
    [80, 24],
    [60, 15],
    [200, 60],
    [20, 5],
  ])('fills exactly %p×%p and never passes the width', (width, height) => {
    const lines = renderScreen(state(), options(width, height));
    expect(lines).toHaveLength(height);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });

  it('shows the totals, models, projects and recent calls of the stats body', () => {
    const text = renderScreen(state(), options(120, 40)).join('\n');
    expect(text).toContain(`Cost ${formatUsd(1234.5678)}`);
    expect(text).toContain(`Tokens ${formatCount(2_000_000)}`);
    expect(text).toContain('Messages 120');
    expect(text).toContain('Failed 3');
    expect(text).toContain('claude-opus-4-1-20250805');
    expect(text).toContain('81.0%');
    expect(text).toContain('~/src/cco');
    expect(text).toContain('-home-ada-src-infra');
    expect(text).toContain('11:59:59');
    expect(text).toContain('range: today');
    expect(text).toContain('daemon 9.9.9');
    expect(text).toContain('up 1h 02m');
    expect(text).toMatch(/Last hour \(per 1m\).*cost\s+[▁-█]+\s+\$6\.00/);
  });

  it('draws share bars in proportion to the percentages', () => {
    const lines = renderScreen(state(), options(120, 40));
    const opus = lines.find((l) => l.includes('claude-opus')) ?? '';
    const sonnet = lines.find((l) => l.includes('claude-sonnet') && l.includes('19.0%')) ?? '';
    const blocks = (l: string) => [...l].filter((c) => '█▉▊▋▌▍▎▏'.includes(c)).length;
    expect(blocks(opus)).toBeGreaterThan(blocks(sonnet) * 3);
  });

  it('uses no escape sequences without colour, and styles with it', () => {
    expect(renderScreen(state(), options(120, 40)).join('')).not.toContain('\x1b');
    expect(renderScreen(state(), options(120, 40, createStyle(true))).join('')).toContain('\x1b[');
  });

  it('says the daemon is not reachable and keeps the last figures on screen', () => {
    const lines = renderScreen(state({ error: { message: 'connection refused', reachable: false } }), options(120, 40));
    expect(lines[0]).toContain('✖ down');
    expect(lines[1]).toContain('http://127.0.0.1:3000 not reachable, retrying every 2s (connection refused)');
    expect(lines.join('\n')).toContain(`Cost ${formatUsd(1234.5678)}`);
  });

  it('says what a daemon that answered badly said', () => {
    const lines = renderScreen(
      state({ error: { message: 'http://x/api/stats answered 503: cold', reachable: true } }),
      options(120, 40),
    );
    expect(lines[1]).toContain('answered 503: cold; retrying every 2s');
  });

  it('says how old the figures are only once the daemon is late, and calls them stale when very late', () => {
    expect(renderScreen(state(), options(120, 40))[0]).not.toContain('ago');
    const late = state({ data: { stats: { ...statsBody(), stale_s: 30 }, health: healthBody() } });
    const header = renderScreen(late, options(120, 40))[0];
    expect(header).toContain('updated 12:00:00 (30s ago)');
    expect(header).toContain('● stale');
  });

  it('waits for the first answer without inventing figures', () => {
    const text = renderScreen(state({ data: undefined, lastOkAt: undefined }), options(100, 20)).join('\n');
    expect(text).toContain('connecting');
    expect(text).toContain('Waiting for the first answer');
    expect(text).not.toContain('Cost');
  });

  it('marks figures of the previous range as loading after t', () => {
    const lines = renderScreen(state({ range: 'week' }), options(120, 40));
    expect(lines[0]).toContain('range: last 7 days (loading…)');
  });

  it('shows the keys on ?', () => {
    const text = renderScreen(state({ showHelp: true }), options(120, 40)).join('\n');
    expect(text).toContain('q, Ctrl-C   quit');
    expect(text).toContain('refresh now');
  });

  it.each([
    [120, 40],
    [80, 24],
    [60, 15],
    [200, 60],
    [30, 8],
  ])('fills exactly %p×%p with the plan limits and never passes the width', (width, height) => {
    const data = { stats: statsBody(), health: healthBody(), history: historyBody(), limits: limitsBody(NOW) };
    const lines = renderScreen(state({ data }), options(width, height));
    expect(lines).toHaveLength(height);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });

  it('shows a line per plan-limit window with its bar, reset countdown and forecast', () => {
    const data = { stats: statsBody(), health: healthBody(), history: historyBody(), limits: limitsBody(NOW) };
    const lines = renderScreen(state({ data }), options(160, 40));
    const row = (label: string) => lines.find((l) => l.startsWith(` ${label} `)) ?? `(no ${label} row)`;
    expect(lines.some((l) => l.trim() === 'Plan limits')).toBe(true);
    expect(row('5-hour')).toContain(' 82%  resets in 2h 00m · 12.0%/h · 100% in 1h 30m, before the reset');
    expect(row('7-day  ')).toContain(' 40%  resets in 3d 00h · 0.5%/h · 100% in 5d 00h, after the reset');
    expect(row('7-day Opus')).toContain(' 97%  resets in 3d 00h · rate unknown · claude.json 2d 00h ago');
    const filled = (l: string) => [...l].filter((c) => '█▉▊▋▌▍▎▏'.includes(c)).length;
    expect(filled(row('5-hour'))).toBeGreaterThan(filled(row('7-day  ')) * 1.8);
    // Above the models: the limits are what a Pro/Max user looks at first.
    const limitsAt = lines.findIndex((l) => l.includes('Plan limits'));
    expect(limitsAt).toBeLessThan(lines.findIndex((l) => l.includes('claude-opus-4-1')));
  });

  it('shows no plan-limits section when the daemon has no figures or did not answer', () => {
    const empty = { current: [], history: [], samples_total: 0 };
    for (const limits of [empty, undefined]) {
      const data = { stats: statsBody(), health: healthBody(), history: historyBody(), ...(limits ? { limits } : {}) };
      expect(renderScreen(state({ data }), options(120, 40)).join('\n')).not.toContain('Plan limits');
    }
  });

  it('keeps the key line at the bottom', () => {
    const lines = renderScreen(state(), options(80, 24));
    expect(lines.at(-1)).toContain('q quit · r refresh · t time range · ? help');
  });
});
