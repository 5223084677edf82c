// `cco daemon start`: runs `cco serve` in the background and returns once /api/health answers.
import { defineCommand } from 'citty';
import { CommandFailure, UsageError } from '../errors.ts';
import { commandData, type CliIO, type Env } from '../io.ts';
import { pathsFrom, parseTimeout, stateDirArg, timeoutArg } from './common.ts';
import { AlreadyRunning, launchDaemon, LaunchFailure } from './launch.ts';
import { cleanStale, lookupDaemon } from './lookup.ts';
import { checkServeFlags, forwardedFlags, serveFlagDefs } from './serve-flags.ts';
import { tokenOf, type DaemonRecord, type StatePaths } from './state.ts';

export interface StartRequest {
  readonly paths: StatePaths;
  readonly serveArgs: readonly string[];
  readonly cwd: string;
  readonly env: Env;
  readonly timeoutMs: number;
  readonly io: CliIO;
}

/** Starts a managed daemon unless one runs; a stale pid file is cleaned first. Shared by start and restart. */
export async function startManaged(request: StartRequest): Promise<DaemonRecord> {
  const { paths, io } = request;
  const found = lookupDaemon(paths);
  if (found.state === 'running') {
    throw new CommandFailure(
      `the daemon is already running: pid ${found.pid}${found.record ? ` at ${found.record.url}` : ''}`,
      "use 'cco daemon restart' to start it with other options",
    );
  }
  if (found.state === 'stale') io.err(cleanStale(paths, found));
  try {
    return await launchDaemon({ ...request, token: tokenOf(request.serveArgs) ?? request.env.CCO_TOKEN });
  } catch (error) {
    if (error instanceof LaunchFailure) {
      // serve rejected a flag (exit 2): the same usage error, in serve's own words.
      const said = error.logTail.at(-1);
      if (error.exitCode === 2 && said?.startsWith('cco: ')) throw new UsageError(said.slice(5).replace(/ \(.*\)$/, ''));
      if (error.logTail.length > 0) io.err(`cco: last lines of ${paths.log}:\n${error.logTail.map((l) => `  ${l}`).join('\n')}`);
      throw new CommandFailure(error.message, "see 'cco daemon logs'");
    }
    if (error instanceof AlreadyRunning) throw new CommandFailure(error.message, "see 'cco daemon status'");
    throw error;
  }
}

export function startedLine(verb: string, record: DaemonRecord): string {
  return `cco daemon ${verb} (pid ${record.pid}) at ${record.url}; log: ${record.log}`;
}

export default defineCommand({
  meta: { name: 'start', description: "Run 'cco serve' in the background; returns once it answers (takes serve's flags)" },
  args: async () => ({ ...(await serveFlagDefs()), ...stateDirArg, ...timeoutArg('30s', 'answer') }),
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const timeoutMs = parseTimeout(String(args.timeout));
    await checkServeFlags(args);
    const serveArgs = forwardedFlags(await serveFlagDefs(), args);
    const record = await startManaged({ paths: pathsFrom(args['state-dir'], env), serveArgs, cwd: process.cwd(), env, timeoutMs, io });
    io.out(startedLine('started', record));
  },
});
