// `cco history` in-process against a daemon on a real socket: the JSON as served, sparklines for people, errors.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { formatUsd } from '../../src/text/format.ts';
import type { HistoryBody } from '../../src/tui/types.ts';
import { cliWith } from '../helpers/cli.ts';
import { startDemoDaemon, type DemoDaemon } from '../helpers/demo-daemon.ts';
import { NOW } from '../helpers/metrics.ts';

let daemon: DemoDaemon;

beforeAll(async () => {
  daemon = await startDemoDaemon('cco-history-', { now: NOW, sessions: 12 });
});

afterAll(() => daemon[Symbol.asyncDispose]());

const env = {
  PATH: process.env.PATH,
  HOME: '/nonexistent-home',
  TZ: 'UTC',
  NO_COLOR: '1',
  CCO_STATE_DIR: '/nonexistent-state',
};
const apiHistory = async (query: string) =>
  (await (await fetch(`${daemon.base}/api/metrics/history?${query}`)).json()) as HistoryBody;

describe('cco history', () => {
  it('prints the JSON of /api/metrics/history with --json', async () => {
    const r = await cliWith(env, 'history', '--json', '--range', '24h', '--step', '1h', '--url', daemon.base);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(await apiHistory('range=24h&step=1h'));
  });

  it('draws cost, tokens and messages as sparklines over a time axis, with the sums in range', async () => {
    const body = await apiHistory('range=24h');
    const r = await cliWith(env, 'history', '--range', '24h', '--url', daemon.base);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      `Usage history · last 24h · ${body.points.length} points, one per ${body.step} · daemon at ${daemon.base}`,
    );
    for (const name of ['cost', 'tokens', 'msgs']) {
      const row = lines.find((l) => l.startsWith(`${name} `)) ?? '';
      expect(row).toMatch(new RegExp(`^${name}\\s+[▁▂▃▄▅▆▇█]{10,}$`));
      expect(row.length).toBeLessThanOrEqual(80);
    }
    const inRange = body.points.reduce((sum, p) => sum + p.cost, 0);
    expect(r.out).toContain(`${formatUsd(inRange)} in range`);
    expect(r.out).toMatch(/2026-11-27 12:00\s+2026-11-28 12:00/);
  });

  it.each([
    [['history', '--range', '2h'], "invalid range '2h'"],
    [['history', '--range', '1h', '--step', 'soon'], '400'],
  ])('exits 2 with one line for %p', async (argv, message) => {
    const r = await cliWith(env, ...argv, '--url', daemon.base);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('fails with a hint when no daemon answers (history has no log fallback)', async () => {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('') });
    const url = `http://127.0.0.1:${server.port}`;
    server.stop(true);
    const r = await cliWith(env, 'history', '--url', url);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `cco: no daemon answering at ${url} (connection refused) (history needs a running daemon: 'cco daemon start')`,
    );
  });
});
