// `cco blocks`: Claude's 5-hour billing blocks from the running daemon, or computed from the logs when none answers.
import { homedir } from 'node:os';
import { defineCommand } from 'citty';
import { createStyle, colorWanted } from '../text/style.ts';
import { answerFromDaemonOrLogs } from './daemon-or-logs.ts';
import { clientArgs } from './target.ts';
import type { BlocksBody } from '../client/types.ts';
import { settingsFromFlags } from './budget-flags.ts';
import { commandData } from './io.ts';
import { blocksFromLogs } from './local-blocks.ts';
import { renderBlocksReport } from './report/blocks-report.ts';

export default defineCommand({
  meta: {
    name: 'blocks',
    description: 'Print the 5-hour billing blocks, the active one with burn rate and projection',
  },
  args: {
    recent: { type: 'boolean', default: false, description: 'Only blocks of the last 3 days, and the active one' },
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/blocks' },
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
    const answer = await answerFromDaemonOrLogs({
      flags: args,
      env,
      io,
      ask: (client) => client.blocksText(args.recent),
      fromLogs: (dataDirs) =>
        blocksFromLogs({
          dataDirs,
          env,
          pricing: settingsFromFlags({ config: args.config }, env, homedir()).pricing,
          recent: args.recent,
          now: Date.now(),
        }),
    });
    if (args.json) return io.out(answer.text);
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderBlocksReport(JSON.parse(answer.text) as BlocksBody, { source: answer.source, style }).join('\n'));
  },
});
