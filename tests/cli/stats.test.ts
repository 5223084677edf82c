// `cco stats` in-process against a daemon on a real socket, from the logs, and when the daemon is down or not cco.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { formatCount, formatUsd } from '../../src/text/format.ts';
import type { StatsBody } from '../../src/tui/types.ts';
import { cliWith } from '../helpers/cli.ts';
import { startDemoDaemon, type DemoDaemon } from '../helpers/demo-daemon.ts';
import { NOW } from '../helpers/metrics.ts';

let daemon: DemoDaemon;

beforeAll(async () => {
  daemon = await startDemoDaemon('cco-stats-', { now: NOW, sessions: 12 });
});

afterAll(() => daemon[Symbol.asyncDispose]());

const env = (extra: Record<string, string> = {}) => daemon.env(extra);

const closedPort = () => {
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('') });
  const port = server.port;
  server.stop(true);
  return port;
};

const apiStats = async (range = 'all') =>
  (await (await fetch(`${daemon.base}/api/stats?time_range=${range}`)).json()) as StatsBody;

describe('cco stats', () => {
  it('prints the JSON of /api/stats with --json', async () => {
    const r = await cliWith(env(), 'stats', '--json', '--url', daemon.base);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual(await apiStats());
  });

  it('asks for the time range given', async () => {
    const r = await cliWith(env(), 'stats', '--json', '--time-range', 'week', '--url', daemon.base);
    expect(JSON.parse(r.out)).toEqual(await apiStats('week'));
  });

  it('finds the daemon through CCO_URL', async () => {
    const r = await cliWith(env({ CCO_URL: daemon.base }), 'stats', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as StatsBody).totals).toEqual((await apiStats()).totals);
  });

  it('prints an aligned table of totals, models and projects in USD with grouped token counts', async () => {
    const body = await apiStats();
    const r = await cliWith(env(), 'stats', '--url', daemon.base);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toContain(`Claude Code usage · all time · daemon at ${daemon.base}`);
    expect(lines.find((l) => l.startsWith('Cost '))).toEndWith(formatUsd(body.totals.cost));
    expect(lines.find((l) => l.startsWith('Tokens '))).toEndWith(formatCount(body.totals.total_tokens));
    expect(lines.find((l) => l.startsWith('Messages '))).toEndWith(formatCount(body.totals.messages));
    const header = lines.find((l) => l.startsWith('Model')) ?? '';
    const costEnd = header.indexOf('Cost') + 'Cost'.length;
    for (const model of body.models) {
      const row = lines.find((l) => l.startsWith(`${model.model} `)) ?? '';
      expect(row.slice(0, costEnd)).toEndWith(formatUsd(model.cost));
      expect(row).toContain(formatCount(model.tokens));
    }
    for (const project of body.projects.slice(0, 10)) expect(r.out).toContain(project.path ?? project.name);
    expect(r.out).not.toContain('\x1b[');
  });

  it('computes from the logs with --data-dir: same tokens and messages as the daemon', async () => {
    const r = await cliWith(env(), 'stats', '--json', '--data-dir', daemon.root);
    expect(r.code).toBe(0);
    const local = JSON.parse(r.out) as StatsBody;
    const served = await apiStats();
    expect(local.stale_s).toBe(0);
    expect(local.totals.total_tokens).toBe(served.totals.total_tokens);
    expect(local.totals.messages).toBe(served.totals.messages);
    expect(local.models.map((m) => [m.model, m.tokens])).toEqual(served.models.map((m) => [m.model, m.tokens]));
  });

  it('computes from the logs when no daemon answers, and says so on stderr', async () => {
    const url = `http://127.0.0.1:${closedPort()}`;
    const r = await cliWith(env({ CCO_URL: url, CLAUDE_CONFIG_DIR: daemon.root }), 'stats', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe(`cco: no daemon at ${url}; computed from the logs in ${daemon.root}`);
    expect((JSON.parse(r.out) as StatsBody).totals.total_tokens).toBe((await apiStats()).totals.total_tokens);
  });

  it('fails with a hint when the daemon named by --url does not answer', async () => {
    const url = `http://127.0.0.1:${closedPort()}`;
    const r = await cliWith(env({ CLAUDE_CONFIG_DIR: daemon.root }), 'stats', '--url', url);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `cco: no daemon answering at ${url} (connection refused) (start one with 'cco daemon start', or leave out --url to compute from the logs)`,
    );
  });

  it('sends the bearer token from --token or CCO_TOKEN, and explains a 401', async () => {
    const seen: (string | null)[] = [];
    const body = JSON.stringify(await apiStats());
    const server = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch(req) {
        seen.push(req.headers.get('authorization'));
        return req.headers.get('authorization') === 'Bearer good'
          ? new Response(body, { headers: { 'content-type': 'application/json' } })
          : Response.json({ error: 'UNAUTHORIZED', message: 'missing or wrong token' }, { status: 401 });
      },
    });
    try {
      const url = `http://127.0.0.1:${server.port}`;
      expect((await cliWith(env(), 'stats', '--json', '--url', url, '--token', 'good')).code).toBe(0);
      expect((await cliWith(env({ CCO_TOKEN: 'good' }), 'stats', '--json', '--url', url)).code).toBe(0);
      const denied = await cliWith(env(), 'stats', '--url', url);
      expect(denied.code).toBe(1);
      expect(denied.err).toBe(
        `cco: ${url}/api/stats?time_range=all answered 401: missing or wrong token (set CCO_TOKEN or --token)`,
      );
      expect(seen).toEqual(['Bearer good', 'Bearer good', null]);
    } finally {
      server.stop(true);
    }
  });

  it('fails in one line when something that is not cco answers', async () => {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('<html>hello</html>') });
    try {
      const r = await cliWith(env(), 'stats', '--url', `127.0.0.1:${server.port}`);
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `cco: http://127.0.0.1:${server.port}/api/stats?time_range=all did not answer JSON (is it a cco daemon?)`,
      );
    } finally {
      server.stop(true);
    }
  });

  it.each([
    [['stats', '--time-range', 'yesterday'], "invalid time range 'yesterday'"],
    [['stats', '--url', 'ftp://host'], "invalid URL 'ftp://host'"],
    [['stats', '--url', 'http://'], "invalid URL 'http://'"],
    [['stats', '--bogus'], "unknown option '--bogus'"],
  ])('exits 2 with one line for %p', async (argv, message) => {
    const r = await cliWith(env(), ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});
