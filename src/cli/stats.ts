// `cco stats`: usage from the running daemon, or computed from the logs when none answers; a table or the /api/stats JSON.
import { defineCommand } from 'citty';
import { homedir } from 'node:os';
import { createStyle, colorWanted } from '../text/style.ts';
import { answerFromDaemonOrLogs } from './daemon-or-logs.ts';
import { clientArgs } from './target.ts';
import type { StatsBody } from '../client/types.ts';
import { commandData } from './io.ts';
import { parseTimeRange } from './parse.ts';
import { renderStatsReport } from './report/stats-report.ts';
import { withStaleness } from '../cache/stale-bodies.ts';
import { answerFromLogs, logsArgs } from './one-shot.ts';

export default defineCommand({
  meta: {
    name: 'stats',
    description: 'Print usage totals, per model and per project (from the daemon, else from the logs)',
  },
  args: {
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/stats' },
    'time-range': { type: 'string', default: 'all', description: 'today, week, month or all', valueHint: 'range' },
    ...clientArgs,
    ...logsArgs,
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
        answerFromLogs({ dataDirs, env, config: args.config, now: Date.now() }, (tick) =>
          withStaleness(tick.statsBodies[range], 0),
        ),
    });
    if (args.json) return io.out(answer.text);
    const body = JSON.parse(answer.text) as StatsBody;
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderStatsReport(body, { source: answer.source, style, home: homedir() }).join('\n'));
  },
});
