// `cco daemon stop`: SIGTERM to the managed daemon, then wait for it to exit; a stale pid file is just cleaned.
// Nothing is signalled that is not verifiably this daemon: the recorded process (same start time and executable,
// lookup.ts), which, when its API answers, must report that same pid (a hung daemon that does not answer can still be
// stopped); the process is looked at again right before the signal.
import { defineCommand } from 'citty';
import { CommandFailure } from '../errors.ts';
import { commandData, type CliIO } from '../io.ts';
import { pathsFrom, parseTimeout, stateDirArg, timeoutArg } from './common.ts';
import { cleanStale, lookupDaemon } from './lookup.ts';
import { sameProcess, systemInspector, waitForExit, type ProcessInspector } from './process.ts';
import { clearState, type StatePaths } from './state.ts';

/** How long the daemon's API gets to say its pid, ms. */
const ASK_TIMEOUT_MS = 2000;

/** The pid the daemon at `url` reports on /api/health (open without a token), or undefined when none answers. */
async function reportedPid(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(ASK_TIMEOUT_MS) });
    const body: unknown = await res.json();
    return typeof body === 'object' && body !== null && 'pid' in body && Number.isSafeInteger(body.pid)
      ? Number(body.pid)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Stops the managed daemon if it runs; returns the pid it stopped. */
export async function stopManaged(
  paths: StatePaths,
  timeoutMs: number,
  io: CliIO,
  inspector: ProcessInspector = systemInspector(),
): Promise<number | undefined> {
  const found = lookupDaemon(paths, inspector);
  if (found.state === 'stale') io.err(cleanStale(paths, found));
  if (found.state !== 'running') return undefined;
  const { pid, claim, record } = found;
  const reported = record ? await reportedPid(record.url) : undefined;
  if (reported !== undefined && reported !== pid) {
    throw new CommandFailure(
      `not stopping pid ${pid}: the daemon at ${record?.url} says it is pid ${reported}`,
      `see 'cco daemon status'; stop it yourself if you are sure`,
    );
  }
  const now = inspector.look(pid);
  if (now.state === 'gone' || !sameProcess(claim.process, now.identity)) {
    io.err(cleanStale(paths, { pid, reused: now.state !== 'gone' }));
    return undefined;
  }
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, claim.process, inspector, timeoutMs))) {
    throw new CommandFailure(
      `the daemon (pid ${pid}) did not stop within ${timeoutMs / 1000}s`,
      `force it with 'kill -9 ${pid}'`,
    );
  }
  clearState(paths);
  return pid;
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
