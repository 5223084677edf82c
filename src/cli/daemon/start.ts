// `cco daemon start`: runs `cco serve` in the background and returns once /api/health answers. When the daemon will
// require a token it was not given (a non-loopback --host), the token is made here, handed to it as CCO_TOKEN and
// shown to the user once: it never reaches the daemon's log.
import { defineCommand } from 'citty';
import { TOKEN_ON_COMMAND_LINE } from '../access-flags.ts';
import { isLoopbackHost } from '../../server/auth/bind-policy.ts';
import { generateToken } from '../../server/auth/token.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { commandData, type CliIO, type Env } from '../io.ts';
import { pathsFrom, parseTimeout, stateDirArg, timeoutArg } from './common.ts';
import { AlreadyRunning, launchDaemon, LaunchFailure } from './launch.ts';
import { cleanStale, lookupDaemon } from './lookup.ts';
import type { ProcessInspector } from './process.ts';
import { checkServeFlags, forwardedFlags, serveFlagDefs } from './serve-flags.ts';
import { tokenOf, type DaemonRecord, type StatePaths } from './state.ts';

export interface StartRequest {
  readonly paths: StatePaths;
  readonly serveArgs: readonly string[];
  readonly cwd: string;
  readonly env: Env;
  readonly timeoutMs: number;
  readonly io: CliIO;
  /** How processes are told apart (default: /proc, else ps). */
  readonly inspector?: ProcessInspector;
}

export interface Started {
  readonly record: DaemonRecord;
  /** The token made for this daemon, to show once. */
  readonly generatedToken?: string;
}

/** The value of a `--name=value` serve flag. */
const flagValue = (serveArgs: readonly string[], name: string): string | undefined =>
  serveArgs.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** A token for a daemon that will require one and has none (no --token, --token-file or CCO_TOKEN), else undefined. */
function tokenToGenerate(serveArgs: readonly string[], env: Env): string | undefined {
  if (tokenOf(serveArgs) !== undefined || flagValue(serveArgs, 'token-file') !== undefined || env.CCO_TOKEN)
    return undefined;
  return isLoopbackHost(flagValue(serveArgs, 'host') ?? '127.0.0.1') ? undefined : generateToken();
}

/** Starts a managed daemon unless one runs; a stale pid file is cleaned first. Shared by start and restart. */
export async function startManaged(request: StartRequest): Promise<Started> {
  const { paths, io } = request;
  const found = lookupDaemon(paths, request.inspector);
  if (found.state === 'running') {
    throw new CommandFailure(
      `the daemon is already running: pid ${found.pid}${found.record ? ` at ${found.record.url}` : ''}`,
      "use 'cco daemon restart' to start it with other options",
    );
  }
  if (found.state === 'stale') io.err(cleanStale(paths, found));
  const generatedToken = tokenToGenerate(request.serveArgs, request.env);
  try {
    const record = await launchDaemon({
      ...request,
      token: generatedToken ?? tokenOf(request.serveArgs) ?? request.env.CCO_TOKEN,
    });
    return generatedToken === undefined ? { record } : { record, generatedToken };
  } catch (error) {
    if (error instanceof LaunchFailure) {
      // serve rejected a flag (exit 2): the same usage error, in serve's own words.
      const said = error.logTail.at(-1);
      if (error.exitCode === 2 && said?.startsWith('cco: '))
        throw new UsageError(said.slice(5).replace(/ \(.*\)$/, ''));
      if (error.logTail.length > 0)
        io.err(`cco: last lines of ${paths.log}:\n${error.logTail.map((l) => `  ${l}`).join('\n')}`);
      throw new CommandFailure(error.message, "see 'cco daemon logs'");
    }
    if (error instanceof AlreadyRunning) throw new CommandFailure(error.message, "see 'cco daemon status'");
    throw error;
  }
}

/** What start and restart print: the started line, then a generated token, once. */
export function startedLines(verb: string, started: Started): string[] {
  const { record, generatedToken } = started;
  const lines = [`cco daemon ${verb} (pid ${record.pid}) at ${record.url}; log: ${record.log}`];
  if (generatedToken) {
    lines.push(
      `cco: the API requires a token (the daemon is reachable beyond loopback); generated access token, shown only now: ${generatedToken}`,
    );
  }
  return lines;
}

/** The warning for a token given on the command line of start or restart (it reaches the daemon as CCO_TOKEN). */
export function warnTokenFlag(args: Readonly<Record<string, unknown>>, io: CliIO): void {
  if (args.token !== undefined) io.err(`cco: warning: ${TOKEN_ON_COMMAND_LINE}`);
}

export default defineCommand({
  meta: {
    name: 'start',
    description: "Run 'cco serve' in the background; returns once it answers (takes serve's flags)",
  },
  args: async () => ({ ...(await serveFlagDefs()), ...stateDirArg, ...timeoutArg('30s', 'answer') }),
  async run({ args, data, rawArgs }) {
    const { io, env } = commandData(data);
    const timeoutMs = parseTimeout(String(args.timeout));
    await checkServeFlags(args);
    warnTokenFlag(args, io);
    const serveArgs = forwardedFlags(await serveFlagDefs(), args, rawArgs);
    const started = await startManaged({
      paths: pathsFrom(args['state-dir'], env),
      serveArgs,
      cwd: process.cwd(),
      env,
      timeoutMs,
      io,
    });
    for (const line of startedLines('started', started)) io.out(line);
  },
});
