// `cco stats`: usage from the running daemon, or computed from the logs when none answers; a table or the /api/stats JSON.
import { defineCommand } from 'citty';
import { homedir } from 'node:os';
import { createStyle, colorWanted } from '../tui/style.ts';
import { createApiClient, DaemonError, DaemonUnreachable } from './client/api-client.ts';
import { clientArgs, resolveTarget } from './client/target.ts';
import type { StatsBody, StatsSource } from './client/types.ts';
import { CommandFailure } from './errors.ts';
import { commandData } from './io.ts';
import { statsFromLogs } from './local-stats.ts';
import { parseTimeRange } from './parse.ts';
import { renderStatsReport } from './report/stats-report.ts';

export default defineCommand({
  meta: { name: 'stats', description: 'Print usage totals, per model and per project (from the daemon, else from the logs)' },
  args: {
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/stats' },
    'time-range': { type: 'string', default: 'all', description: 'today, week, month or all', valueHint: 'range' },
    ...clientArgs,
    'data-dir': { type: 'string', description: 'Compute from these logs instead of asking a daemon (comma-separated roots)', valueHint: 'dir' },
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const range = parseTimeRange(args['time-range']);
    const fromLogs = async (dataDirs?: string[]) => {
      const local = await statsFromLogs({ dataDirs, env, range, now: Date.now() });
      const source: StatsSource = { kind: 'logs', roots: local.roots.filter((r) => r.exists).map((r) => r.root) };
      return { text: local.text, source };
    };
    let answer: { text: string; source: StatsSource };
    if (args['data-dir'] !== undefined) {
      answer = await fromLogs([args['data-dir']]);
    } else {
      const target = resolveTarget(args, env);
      try {
        answer = { text: await createApiClient(target).statsText(range), source: { kind: 'daemon', url: target.url } };
      } catch (error) {
        if (error instanceof DaemonError) throw new CommandFailure(error.message, error.status === 503 ? 'the daemon is still reading the logs; try again shortly' : undefined);
        if (!(error instanceof DaemonUnreachable)) throw error;
        if (target.explicit) throw new CommandFailure(error.message, "start one with 'cco daemon start', or leave out --url to compute from the logs");
        answer = await fromLogs();
        const roots = answer.source.kind === 'logs' ? answer.source.roots : [];
        io.err(roots.length > 0
          ? `cco: no daemon at ${target.url}; computed from the logs in ${roots.join(', ')}`
          : `cco: no daemon at ${target.url} and no Claude Code data found (CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude)`);
      }
    }
    if (args.json) return io.out(answer.text);
    const body = JSON.parse(answer.text) as StatsBody;
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderStatsReport(body, { source: answer.source, style, home: homedir() }).join('\n'));
  },
});
