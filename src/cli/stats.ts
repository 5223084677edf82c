// `cco stats`: usage from the running daemon, or computed from the logs when none answers; a table or the /api/stats JSON.
import { defineCommand } from 'citty';
import { homedir } from 'node:os';
import { createStyle, colorWanted } from '../text/style.ts';
import { answerFromDaemonOrLogs } from './daemon-or-logs.ts';
import { clientArgs } from './target.ts';
import type { StatsBody } from '../client/types.ts';
import { settingsFromFlags } from './budget-flags.ts';
import { commandData } from './io.ts';
import { statsFromLogs } from './local-stats.ts';
import { parseTimeRange } from './parse.ts';
import { renderStatsReport } from './report/stats-report.ts';

export default defineCommand({
  meta: {
    name: 'stats',
    description: 'Print usage totals, per model and per project (from the daemon, else from the logs)',
  },
  args: {
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/stats' },
    'time-range': { type: 'string', default: 'all', description: 'today, week, month or all', valueHint: 'range' },
    ...clientArgs,
    'data-dir': {
      type: 'string',
      description: 'Compute from these logs instead of asking a daemon (comma-separated roots)',
      valueHint: 'dir',
    },
    config: {
      type: 'string',
      description:
        'Config file whose [pricing."<model>"] overrides apply when computing from the logs (default: ~/.config/cco/config.toml or config.json)',
      valueHint: 'path',
    },
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const range = parseTimeRange(args['time-range']);
    const answer = await answerFromDaemonOrLogs({
      flags: args,
      env,
      io,
      ask: (client) => client.statsText(range),
      fromLogs: (dataDirs) =>
        statsFromLogs({
          dataDirs,
          env,
          pricing: settingsFromFlags({ config: args.config }, env, homedir()).pricing,
          range,
          now: Date.now(),
        }),
    });
    if (args.json) return io.out(answer.text);
    const body = JSON.parse(answer.text) as StatsBody;
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderStatsReport(body, { source: answer.source, style, home: homedir() }).join('\n'));
  },
});
