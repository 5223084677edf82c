// `cco blocks`: Claude's 5-hour billing blocks from the running daemon, or computed from the logs when none answers.
import { defineCommand } from 'citty';
import { createStyle, colorWanted } from '../tui/style.ts';
import { createApiClient, DaemonError, DaemonUnreachable } from './client/api-client.ts';
import { clientArgs, resolveTarget } from './client/target.ts';
import type { BlocksBody, StatsSource } from './client/types.ts';
import { CommandFailure } from './errors.ts';
import { commandData } from './io.ts';
import { blocksFromLogs } from './local-blocks.ts';
import { renderBlocksReport } from './report/blocks-report.ts';

export default defineCommand({
  meta: { name: 'blocks', description: 'Print the 5-hour billing blocks, the active one with burn rate and projection' },
  args: {
    recent: { type: 'boolean', default: false, description: 'Only blocks of the last 3 days, and the active one' },
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/blocks' },
    ...clientArgs,
    'data-dir': { type: 'string', description: 'Compute from these logs instead of asking a daemon (comma-separated roots)', valueHint: 'dir' },
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const fromLogs = async (dataDirs?: string[]) => {
      const local = await blocksFromLogs({ dataDirs, env, recent: args.recent, now: Date.now() });
      const source: StatsSource = { kind: 'logs', roots: local.roots.filter((r) => r.exists).map((r) => r.root) };
      return { text: local.text, source };
    };
    let answer: { text: string; source: StatsSource };
    if (args['data-dir'] !== undefined) {
      answer = await fromLogs([args['data-dir']]);
    } else {
      const target = resolveTarget(args, env);
      try {
        answer = { text: await createApiClient(target).blocksText(args.recent), source: { kind: 'daemon', url: target.url } };
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
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderBlocksReport(JSON.parse(answer.text) as BlocksBody, { source: answer.source, style }).join('\n'));
  },
});
