// `cco monitor`: the full-screen live view of a daemon over its HTTP API (so it can watch a remote one).
import { defineCommand } from 'citty';
import { homedir } from 'node:os';
import { parseDuration } from '../platform/duration.ts';
import { exitCodeOf, runMonitor } from '../tui/monitor.ts';
import { colorWanted, createStyle } from '../text/style.ts';
import { openTerminal } from '../tui/terminal.ts';
import { SourceUnavailable, type MonitorSource } from '../tui/types.ts';
import { createApiClient, DaemonError, DaemonUnreachable, type ApiClient } from '../client/api-client.ts';
import { clientArgs, resolveTarget } from './target.ts';
import { CommandFailure, Interrupted, UsageError } from './errors.ts';
import { commandData } from './io.ts';
import { parseTimeRange } from './parse.ts';

/** The monitor's source over HTTP: stats is required; health, the last hour's history and the limits are best effort. */
export function httpSource(client: ApiClient): MonitorSource {
  return {
    url: client.url,
    async fetch(range) {
      const [stats, health, history, limits] = await Promise.allSettled([
        client.stats(range),
        client.health(),
        client.history('1h'),
        client.limits('1h'),
      ]);
      if (stats.status === 'rejected') {
        const error: unknown = stats.reason;
        if (error instanceof DaemonUnreachable) throw new SourceUnavailable(error.reason, false);
        if (error instanceof DaemonError) throw new SourceUnavailable(error.message, true);
        throw error;
      }
      return {
        stats: stats.value,
        ...(health.status === 'fulfilled' ? { health: health.value } : {}),
        ...(history.status === 'fulfilled' ? { history: history.value } : {}),
        ...(limits.status === 'fulfilled' ? { limits: limits.value } : {}),
      };
    },
  };
}

function parseRefresh(raw: string): number {
  const ms = parseDuration(raw);
  if (ms === undefined || ms < 100)
    throw new UsageError(`invalid refresh '${raw}': expected a duration like 1s or 500ms (at least 100ms)`);
  return ms;
}

export default defineCommand({
  meta: {
    name: 'monitor',
    description: 'Full-screen live view of the daemon: totals, last hour, plan limits, models, projects, recent calls',
  },
  args: {
    ...clientArgs,
    refresh: { type: 'string', default: '2s', description: 'How often to ask the daemon', valueHint: 'duration' },
    'time-range': {
      type: 'string',
      default: 'today',
      description: 'today, week, month or all (t cycles while running)',
      valueHint: 'range',
    },
  },
  async run({ args, data }) {
    const { env } = commandData(data);
    const refreshMs = parseRefresh(args.refresh);
    const range = parseTimeRange(args['time-range']);
    const target = resolveTarget(args, env);
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new CommandFailure(
        'cco monitor needs an interactive terminal',
        "use 'cco stats' or 'cco stats --json' in scripts",
      );
    }
    const client = createApiClient({ ...target, timeoutMs: Math.min(10_000, Math.max(1000, refreshMs * 2)) });
    const terminal = openTerminal({ stdin: process.stdin, stdout: process.stdout });
    let exit;
    try {
      exit = await runMonitor({
        source: httpSource(client),
        terminal,
        style: createStyle(colorWanted(env, true)),
        refreshMs,
        range,
        home: homedir(),
      });
    } finally {
      terminal.restore();
    }
    const code = exitCodeOf(exit);
    if (code !== 0) throw new Interrupted(code);
  },
});
