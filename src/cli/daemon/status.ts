// `cco daemon status`: pid, URL, port, uptime, data roots and last tick of the managed daemon; exit 1 when it is not running.
import { defineCommand } from 'citty';
import { errorMessage } from '../../platform/error-message.ts';
import { formatAge, formatBytes, formatClock, formatCount } from '../../text/format.ts';
import { createApiClient } from '../../client/api-client.ts';
import type { HealthBody } from '../../client/types.ts';
import { CommandFailure } from '../errors.ts';
import { commandData } from '../io.ts';
import { pathsFrom, stateDirArg } from './common.ts';
import { cleanStale, lookupDaemon } from './lookup.ts';
import type { DaemonRecord, StatePaths } from './state.ts';

const portOf = (url: string): number | undefined => {
  try {
    const parsed = new URL(url);
    return Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  } catch {
    return undefined;
  }
};

function describe(
  pid: number,
  record: DaemonRecord | undefined,
  health: HealthBody | undefined,
  paths: StatePaths,
  now: number,
): string[] {
  const rows: [string, string][] = [['pid', String(pid)]];
  if (record) rows.push(['url', record.url], ['port', String(portOf(record.url) ?? '?')]);
  if (health) rows.push(['version', health.version], ['uptime', formatAge(health.uptime_s)]);
  if (record) rows.push(['data', record.data_roots.join(', ') || 'none']);
  if (health) {
    const tick = health.last_tick;
    rows.push([
      'last tick',
      tick
        ? `${formatClock(tick.at)}, ${formatAge((now - Date.parse(tick.at)) / 1000)} ago (${tick.duration_ms.toFixed(0)} ms, ${formatBytes(tick.bytes_read)} read; every ${health.interval_s}s)`
        : `none yet (every ${health.interval_s}s)`,
    ]);
    rows.push([
      'ingest',
      `${health.ready ? 'ready' : 'reading logs'} · ${formatCount(health.files_tracked)} files · ${formatBytes(health.bytes_read)} read · ${health.failed_ticks} failed ticks`,
    ]);
  }
  rows.push(['log', paths.log]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
}

export default defineCommand({
  meta: {
    name: 'status',
    description: 'Show whether the background daemon runs: pid, port, uptime, data roots, last tick',
  },
  args: {
    ...stateDirArg,
    json: { type: 'boolean', default: false, description: 'Print JSON' },
    token: { type: 'string', description: 'Bearer token for the API (default: CCO_TOKEN)', valueHint: 'token' },
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const paths = pathsFrom(args['state-dir'], env);
    const found = lookupDaemon(paths);
    if (found.state !== 'running') {
      if (found.state === 'stale') io.err(cleanStale(paths, found));
      if (args.json) io.out(JSON.stringify({ running: false, state_dir: paths.dir }));
      throw new CommandFailure('the daemon is not running', "start it with 'cco daemon start'");
    }
    const { pid, record } = found;
    let health: HealthBody | undefined;
    let problem: string | undefined;
    if (record) {
      try {
        health = await createApiClient({
          url: record.url,
          token: args.token ?? env.CCO_TOKEN,
          timeoutMs: 3000,
        }).health();
      } catch (error) {
        problem = errorMessage(error);
      }
    } else {
      problem = 'it has no record in the state dir yet (still starting?)';
    }
    if (args.json) {
      io.out(
        JSON.stringify({
          running: true,
          pid,
          url: record?.url ?? null,
          port: record ? (portOf(record.url) ?? null) : null,
          started_at: record?.started_at ?? null,
          data_roots: record?.data_roots ?? [],
          log: paths.log,
          state_dir: paths.dir,
          health: health ?? null,
        }),
      );
    } else {
      io.out(`cco daemon is running${problem ? ' but not answering' : ''}`);
      io.out(describe(pid, record, health, paths, Date.now()).join('\n'));
    }
    if (problem)
      throw new CommandFailure(`the daemon (pid ${pid}) runs but does not answer: ${problem}`, "see 'cco daemon logs'");
  },
});
