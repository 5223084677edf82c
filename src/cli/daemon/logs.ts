// `cco daemon logs`: the last lines of the daemon's log, or (with --follow) everything it writes from now on.
import { defineCommand } from 'citty';
import { CommandFailure, UsageError } from '../errors.ts';
import { commandData, type CliIO } from '../io.ts';
import { pathsFrom, stateDirArg } from './common.ts';
import { fileSize, lastLines, readFrom } from './log-file.ts';

/** Prints what is appended to `path` until SIGINT/SIGTERM; a truncated or rotated log is read again from its start. */
async function follow(path: string, from: number, io: CliIO): Promise<void> {
  let offset = from;
  let partial = '';
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    while (!stopped) {
      const size = fileSize(path);
      if (size < offset) offset = 0;
      if (size > offset) {
        const text = partial + readFrom(path, offset, size - offset);
        offset = size;
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) io.out(line);
      }
      await Bun.sleep(200);
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export default defineCommand({
  meta: { name: 'logs', description: "Print the background daemon's log" },
  args: {
    ...stateDirArg,
    lines: {
      type: 'string',
      alias: 'n',
      default: '50',
      description: 'How many of the last lines to print',
      valueHint: 'count',
    },
    follow: { type: 'boolean', alias: 'f', default: false, description: 'Keep printing new lines until Ctrl-C' },
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const count = Number(args.lines);
    if (!Number.isSafeInteger(count) || count < 0)
      throw new UsageError(`invalid line count '${args.lines}': expected a whole number`);
    const paths = pathsFrom(args['state-dir'], env);
    const size = fileSize(paths.log);
    if (size === 0 && !args.follow)
      throw new CommandFailure(`no daemon log at ${paths.log}`, "start the daemon with 'cco daemon start'");
    for (const line of lastLines(readFrom(paths.log), count)) io.out(line);
    if (args.follow) await follow(paths.log, size, io);
  },
});
