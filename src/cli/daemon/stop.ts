// `cco daemon stop`: SIGTERM to the managed daemon, then wait for it to exit; a stale pid file is just cleaned.
import { defineCommand } from 'citty';
import { CommandFailure } from '../errors.ts';
import { commandData, type CliIO } from '../io.ts';
import { pathsFrom, parseTimeout, stateDirArg, timeoutArg } from './common.ts';
import { cleanStale, lookupDaemon } from './lookup.ts';
import { signal, waitForExit } from './process.ts';
import { clearState, type StatePaths } from './state.ts';

/** Stops the managed daemon if it runs; returns the pid it stopped. */
export async function stopManaged(paths: StatePaths, timeoutMs: number, io: CliIO): Promise<number | undefined> {
  const found = lookupDaemon(paths);
  if (found.state === 'stale') io.err(cleanStale(paths, found));
  if (found.state !== 'running') return undefined;
  signal(found.pid, 'SIGTERM');
  if (!(await waitForExit(found.pid, timeoutMs))) {
    throw new CommandFailure(`the daemon (pid ${found.pid}) did not stop within ${timeoutMs / 1000}s`, `force it with 'kill -9 ${found.pid}'`);
  }
  clearState(paths);
  return found.pid;
}

export default defineCommand({
  meta: { name: 'stop', description: 'Stop the background daemon (SIGTERM, then wait for it to exit)' },
  args: { ...stateDirArg, ...timeoutArg('10s', 'exit') },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const pid = await stopManaged(pathsFrom(args['state-dir'], env), parseTimeout(args.timeout), io);
    io.out(pid === undefined ? 'cco daemon is not running' : `cco daemon stopped (pid ${pid})`);
  },
});
