// The monitor's loop against a fake terminal and a stub source: refreshes, keys, failures, resizes and ways out.
import { describe, expect, it } from 'bun:test';
import { exitCodeOf, runMonitor, type MonitorOptions } from '../../src/tui/monitor.ts';
import { createStyle } from '../../src/text/style.ts';
import type { Terminal } from '../../src/tui/terminal.ts';
import {
  SourceUnavailable,
  type MonitorSnapshot,
  type MonitorSource,
  type TimeRangeName,
} from '../../src/tui/types.ts';
import { healthBody, statsBody } from './bodies.ts';
import { waitFor } from '../helpers/wait.ts';

interface FakeTerminal extends Terminal {
  frames: string[][];
  columns: number;
  rows: number;
  type(keys: string): void;
  resize(columns: number, rows: number): void;
  last(): string;
}

function fakeTerminal(): FakeTerminal {
  let input: (chunk: string) => void = () => {};
  let resized: () => void = () => {};
  const term: FakeTerminal = {
    frames: [],
    columns: 100,
    rows: 30,
    draw: (lines) => void term.frames.push([...lines]),
    onInput: (h) => void (input = h),
    onResize: (h) => void (resized = h),
    restore: () => {},
    type: (keys) => input(keys),
    resize(columns, rows) {
      term.columns = columns;
      term.rows = rows;
      resized();
    },
    last: () => (term.frames.at(-1) ?? []).join('\n'),
  };
  return term;
}

/** A source whose answers the test releases one by one. */
function stubSource() {
  const calls: { range: TimeRangeName; settle: (r: MonitorSnapshot | Error) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const source: MonitorSource = {
    url: 'http://stub:1',
    fetch: (range) =>
      new Promise<MonitorSnapshot>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        calls.push({ range, settle: (r) => (inFlight--, r instanceof Error ? reject(r) : resolve(r)) });
      }),
  };
  return { source, calls, maxInFlight: () => maxInFlight };
}

const until = (check: () => boolean, what: string) => waitFor(() => (check() ? true : undefined), what, 5000, 1);

function start(overrides: Partial<MonitorOptions> & Pick<MonitorOptions, 'source' | 'terminal'>) {
  return runMonitor({
    style: createStyle(false),
    refreshMs: 60_000,
    range: 'today',
    home: '/home/ada',
    signals: [],
    ...overrides,
  });
}

const answer = (range: TimeRangeName, scale = 1): MonitorSnapshot => ({
  stats: statsBody(range, scale),
  health: healthBody(),
});

describe('monitor loop', () => {
  it('draws at once, shows the first answer, and quits on q', async () => {
    const terminal = fakeTerminal();
    const { source, calls } = stubSource();
    const done = start({ source, terminal });
    expect(terminal.last()).toContain('Waiting for the first answer');
    calls[0]?.settle(answer('today'));
    await until(() => terminal.last().includes('Cost $1,234.57'), 'the totals');
    terminal.type('q');
    expect(await done).toEqual({ by: 'key' });
  });

  it('refreshes on r, and never has two requests in flight', async () => {
    const terminal = fakeTerminal();
    const { source, calls, maxInFlight } = stubSource();
    const done = start({ source, terminal });
    terminal.type('rrr');
    expect(calls).toHaveLength(1);
    calls[0]?.settle(answer('today'));
    await until(() => calls.length === 2, 'the queued refresh');
    calls[1]?.settle(answer('today', 2));
    await until(() => terminal.last().includes('Cost $2,469.14'), 'the refreshed totals');
    expect(maxInFlight()).toBe(1);
    terminal.type('\x03');
    expect(await done).toEqual({ by: 'key' });
  });

  it('refreshes by itself every interval', async () => {
    const terminal = fakeTerminal();
    const { source, calls } = stubSource();
    const done = start({ source, terminal, refreshMs: 5 });
    for (let i = 0; i < 3; i++) {
      await until(() => calls.length > i, `refresh ${i + 1}`);
      calls[i]?.settle(answer('today', i + 1));
    }
    await until(() => terminal.last().includes('Cost $3,703.70'), 'the third answer');
    terminal.type('q');
    await done;
  });

  it('cycles the time range on t and asks for the new one', async () => {
    const terminal = fakeTerminal();
    const { source, calls } = stubSource();
    const done = start({ source, terminal });
    calls[0]?.settle(answer('today'));
    await until(() => terminal.last().includes('Cost'), 'the first answer');
    terminal.type('t');
    expect(terminal.last()).toContain('range: last 7 days (loading…)');
    await until(() => calls.length === 2, 'the week request');
    expect(calls[1]?.range).toBe('week');
    calls[1]?.settle(answer('week', 3));
    await until(() => !terminal.last().includes('loading'), 'the week figures');
    expect(terminal.last()).toContain('Cost $3,703.70');
    terminal.type('tt');
    await until(() => calls.length === 3, 'the next request');
    expect(calls[2]?.range).toBe('month');
    calls[2]?.settle(answer('month'));
    // The second t arrived while month was in flight: all is fetched next, and month's figures are not shown as all's.
    await until(() => calls.length === 4, 'the all request');
    expect(calls[3]?.range).toBe('all');
    expect(terminal.last()).toContain('range: all time (loading…)');
    terminal.type('q');
    await done;
  });

  it('shows "not reachable, retrying" while the source fails, and recovers', async () => {
    const terminal = fakeTerminal();
    const { source, calls } = stubSource();
    const done = start({ source, terminal });
    calls[0]?.settle(new SourceUnavailable('connection refused', false));
    await until(() => terminal.last().includes('not reachable, retrying'), 'the failure line');
    expect(terminal.last()).toContain('http://stub:1 not reachable, retrying every 1m 00s (connection refused)');
    terminal.type('r');
    calls[1]?.settle(answer('today'));
    await until(() => !terminal.last().includes('not reachable'), 'the recovery');
    expect(terminal.last()).toContain('● live');
    terminal.type('q');
    await done;
  });

  it('redraws to the new size on resize', async () => {
    const terminal = fakeTerminal();
    const { source, calls } = stubSource();
    const done = start({ source, terminal });
    calls[0]?.settle(answer('today'));
    await until(() => terminal.last().includes('Cost'), 'the first answer');
    const before = terminal.frames.length;
    terminal.resize(50, 12);
    expect(terminal.frames.length).toBe(before + 1);
    expect(terminal.frames.at(-1)).toHaveLength(12);
    terminal.type('q');
    await done;
  });

  it('toggles help on ? and closes it on Esc', async () => {
    const terminal = fakeTerminal();
    const { source } = stubSource();
    const done = start({ source, terminal });
    terminal.type('?');
    expect(terminal.last()).toContain('refresh now');
    terminal.type('\x1b');
    expect(terminal.last()).not.toContain('refresh now');
    terminal.type('q');
    await done;
  });

  it('ends on a signal with exit code 128 + its number', async () => {
    const terminal = fakeTerminal();
    const { source } = stubSource();
    const done = start({ source, terminal, signals: ['SIGHUP'] });
    process.emit('SIGHUP', 'SIGHUP');
    const exit = await done;
    expect(exit).toEqual({ by: 'signal', signal: 'SIGHUP' });
    expect(exitCodeOf(exit)).toBe(129);
    expect(process.listenerCount('SIGHUP')).toBe(0);
  });

  it('rejects when drawing fails, so the caller restores the terminal and reports it', async () => {
    const terminal = fakeTerminal();
    let draws = 0;
    terminal.draw = () => {
      if (++draws > 1) throw new Error('boom');
    };
    const { source, calls } = stubSource();
    const done = start({ source, terminal });
    calls[0]?.settle(answer('today'));
    await expect(done).rejects.toThrow('boom');
  });
});
