// `cco history`: the daemon's usage series over a range, as sparklines or as the JSON of /api/metrics/history.
import { defineCommand } from 'citty';
import { createStyle, colorWanted } from '../text/style.ts';
import { createApiClient, DaemonError, DaemonUnreachable } from '../client/api-client.ts';
import { clientArgs, resolveTarget } from './target.ts';
import type { HistoryBody } from '../client/types.ts';
import { CommandFailure, UsageError } from './errors.ts';
import { commandData } from './io.ts';
import { renderHistoryReport } from './report/history-report.ts';
import { HISTORY_RANGES } from '../api/values.ts';

const RANGES = Object.keys(HISTORY_RANGES);

export default defineCommand({
  meta: { name: 'history', description: 'Print the usage series over a range as sparklines (cost, tokens, messages)' },
  args: {
    range: { type: 'string', default: '1h', description: RANGES.join(', '), valueHint: 'range' },
    step: {
      type: 'string',
      description: 'Point spacing, e.g. 30s, 5m, 1h (default: per range)',
      valueHint: 'duration',
    },
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/metrics/history' },
    ...clientArgs,
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    if (!RANGES.includes(args.range))
      throw new UsageError(`invalid range '${args.range}': expected one of ${RANGES.join(', ')}`);
    const target = resolveTarget(args, env);
    const client = createApiClient(target);
    let text: string;
    try {
      text = await client.historyText(args.range, args.step);
    } catch (error) {
      if (error instanceof DaemonUnreachable)
        throw new CommandFailure(error.message, "history needs a running daemon: 'cco daemon start'");
      // The daemon rejects a step it cannot serve with a 400 that says why: that is a usage error.
      if (error instanceof DaemonError && error.status === 400) throw new UsageError(error.message);
      if (error instanceof DaemonError) throw new CommandFailure(error.message);
      throw error;
    }
    if (args.json) return io.out(text);
    const body = JSON.parse(text) as HistoryBody;
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderHistoryReport(body, { url: target.url, columns: io.columns ?? 80, style }).join('\n'));
  },
});
