// `cco daemon restart`: stop (if running), then start with the flags given, or else the ones it ran with.
import { defineCommand } from 'citty';
import { commandData } from '../io.ts';
import { pathsFrom, parseTimeout, stateDirArg, timeoutArg } from './common.ts';
import { lookupDaemon } from './lookup.ts';
import { checkServeFlags, forwardedFlags, namesServeFlag, serveFlagDefs } from './serve-flags.ts';
import { startedLines, startManaged, warnTokenFlag } from './start.ts';
import { stopManaged } from './stop.ts';

export default defineCommand({
  meta: {
    name: 'restart',
    description: 'Stop and start the background daemon (without serve flags: the ones it ran with)',
  },
  args: async () => ({ ...(await serveFlagDefs()), ...stateDirArg, ...timeoutArg('30s', 'stop, then to answer') }),
  async run({ args, data, rawArgs }) {
    const { io, env } = commandData(data);
    const paths = pathsFrom(args['state-dir'], env);
    const timeoutMs = parseTimeout(String(args.timeout));
    const defs = await serveFlagDefs();
    await checkServeFlags(args);
    warnTokenFlag(args, io);
    const found = lookupDaemon(paths);
    const previous = found.state === 'running' ? found.record : undefined;
    const reuse = !namesServeFlag(defs, rawArgs) && previous !== undefined;
    const serveArgs = reuse ? previous.serve_args : forwardedFlags(defs, args, rawArgs);
    const cwd = reuse ? previous.cwd : process.cwd();
    await stopManaged(paths, timeoutMs, io);
    const started = await startManaged({ paths, serveArgs, cwd, env, timeoutMs, io });
    for (const line of startedLines(found.state === 'running' ? 'restarted' : 'started', started)) io.out(line);
  },
});
