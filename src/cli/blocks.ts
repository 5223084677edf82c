// `cco blocks`: Claude's 5-hour billing blocks from the running daemon, or computed from the logs when none answers.
import { defineCommand } from 'citty';
import { createStyle, colorWanted } from '../text/style.ts';
import { answerFromDaemonOrLogs } from './daemon-or-logs.ts';
import { clientArgs } from './target.ts';
import type { BlocksBody } from '../client/types.ts';
import { commandData } from './io.ts';
import { renderBlocksReport } from './report/blocks-report.ts';
import { BlockBook } from '../cache/block-book.ts';
import { answerFromLogs, logsArgs } from './one-shot.ts';

export default defineCommand({
  meta: {
    name: 'blocks',
    description: 'Print the 5-hour billing blocks, the active one with burn rate and projection',
  },
  args: {
    recent: { type: 'boolean', default: false, description: 'Only blocks of the last 3 days, and the active one' },
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/blocks' },
    ...clientArgs,
    ...logsArgs,
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const answer = await answerFromDaemonOrLogs({
      flags: args,
      env,
      io,
      ask: (client) => client.blocksText(args.recent),
      fromLogs: (dataDirs) => {
        const now = Date.now();
        return answerFromLogs({ dataDirs, env, config: args.config, now }, (tick) => {
          const book = new BlockBook();
          book.apply(tick.blocks);
          return JSON.stringify(book.view(now, { recent: args.recent }));
        });
      },
    });
    if (args.json) return io.out(answer.text);
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderBlocksReport(JSON.parse(answer.text) as BlocksBody, { source: answer.source, style }).join('\n'));
  },
});
