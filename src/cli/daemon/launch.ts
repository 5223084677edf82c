// Starts `cco serve` detached (its own session, output to the log), records which process it is, then waits until
// its /api/health answers.
import { closeSync, writeSync } from 'node:fs';
import { createApiClient } from '../../client/api-client.ts';
import type { Env } from '../io.ts';
import { fileSize, lastLines, openLog, readFrom, rotateIfLarge } from './log-file.ts';
import { systemInspector, type ProcessInspector } from './process.ts';
import { selfCommand } from './self-command.ts';
import {
  claimRecord,
  clearState,
  ensureStateDir,
  redacted,
  tokenOf,
  writeRecord,
  type DaemonRecord,
  type StatePaths,
} from './state.ts';

export interface LaunchOptions {
  readonly paths: StatePaths;
  /** Flags for `cco serve`. */
  readonly serveArgs: readonly string[];
  readonly cwd: string;
  readonly env: Env;
  /** How long to wait for /api/health, ms. */
  readonly timeoutMs: number;
  /** The token the daemon requires, if any: given to it as CCO_TOKEN (never on its command line). */
  readonly token?: string;
  readonly now?: () => Date;
  /** How the daemon's identity is read (default: /proc, else ps). */
  readonly inspector?: ProcessInspector;
}

/** The daemon did not come up; `logTail` is what it wrote meanwhile. */
export class LaunchFailure extends Error {
  constructor(
    message: string,
    readonly logTail: readonly string[],
    readonly exitCode?: number,
  ) {
    super(message);
    this.name = 'LaunchFailure';
  }
}

/** Already running, or another `start` won the race for the pid file. */
export class AlreadyRunning extends Error {}

const LISTENING = /listening on (https?:\/\/\S+) \(data: (.*?); every /;

/** A URL clients can reach: a wildcard bind address becomes loopback. */
export function reachableUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}

/** The URL and data roots from serve's "listening on …" line, once it is in the log. */
export function parseListening(log: string): { url: string; roots: string[] } | undefined {
  const match = LISTENING.exec(log);
  if (!match?.[1]) return undefined;
  const roots = match[2] === 'none' || !match[2] ? [] : match[2].split(', ');
  return { url: reachableUrl(match[1]), roots };
}

const cleanEnv = (env: Env): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

export async function launchDaemon(options: LaunchOptions): Promise<DaemonRecord> {
  const { paths } = options;
  const now = options.now ?? (() => new Date());
  ensureStateDir(paths);
  rotateIfLarge(paths.log);
  // A token goes to the daemon as CCO_TOKEN: command lines are visible to every user (ps), environments are not.
  const token = tokenOf(options.serveArgs) ?? options.token;
  const argv = [...selfCommand(), 'serve', ...options.serveArgs.filter((a) => !a.startsWith('--token='))];
  // (the daemon reads the status line's plan-limit spool in its own state dir)
  const withState = { ...options.env, CCO_STATE_DIR: paths.dir };
  const env = token === undefined ? withState : { ...withState, CCO_TOKEN: token };
  const logFd = openLog(paths.log);
  let offset: number;
  let child: Bun.Subprocess;
  try {
    writeSync(
      logFd,
      `--- ${now().toISOString()} cco daemon start: cco serve ${redacted(options.serveArgs).join(' ')}\n`,
    );
    offset = fileSize(paths.log);
    child = Bun.spawn(argv, {
      cwd: options.cwd,
      env: cleanEnv(env),
      stdin: 'ignore',
      stdout: logFd,
      stderr: logFd,
      detached: true,
    });
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  const tail = () => lastLines(readFrom(paths.log, offset), 15);
  // Signals go to the child through its handle only: it cannot reach a process that later got the same pid.
  const end = async () => {
    child.kill('SIGTERM');
    if ((await Promise.race([child.exited.then(() => true), Bun.sleep(3000).then(() => false)])) === false)
      child.kill('SIGKILL');
  };
  const abandon = async (message: string): Promise<never> => {
    await end();
    clearState(paths);
    throw new LaunchFailure(message, tail());
  };

  const exited = (): LaunchFailure => {
    const how = child.signalCode ? `was killed by ${child.signalCode}` : `exited with code ${child.exitCode}`;
    return new LaunchFailure(`the daemon ${how} while starting`, tail(), child.exitCode ?? undefined);
  };

  const seen = (options.inspector ?? systemInspector()).look(pid);
  if (seen.state === 'gone') {
    await child.exited;
    throw exited();
  }
  if (seen.identity === undefined) {
    await end();
    throw new LaunchFailure(
      `cannot tell the daemon (pid ${pid}) apart from other processes: neither /proc nor ps shows its start time`,
      tail(),
    );
  }
  const identity = seen.identity;
  if (
    !claimRecord(paths, {
      pid,
      process: identity,
      serve_args: [...options.serveArgs],
      cwd: options.cwd,
      log: paths.log,
    })
  ) {
    child.kill('SIGKILL');
    throw new AlreadyRunning('another cco daemon start got there first');
  }

  const deadline = performance.now() + options.timeoutMs;
  let listening: { url: string; roots: string[] } | undefined;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      clearState(paths);
      throw exited();
    }
    listening ??= parseListening(readFrom(paths.log, offset));
    if (listening) {
      // A daemon busy with its first ingest may answer slowly: give each probe the time that is left.
      const left = Math.max(250, deadline - performance.now());
      const client = createApiClient({ url: listening.url, token: options.token, timeoutMs: left });
      const answered = await client.health().then(
        () => true,
        () => false,
      );
      if (answered) break;
    }
    if (performance.now() >= deadline) {
      await abandon(
        `the daemon did not answer ${listening ? `${listening.url}/api/health` : 'with its address'} within ${options.timeoutMs / 1000}s`,
      );
    }
    await Bun.sleep(50);
  }
  child.unref();
  const record: DaemonRecord = {
    pid,
    process: identity,
    url: listening.url,
    started_at: now().toISOString(),
    data_roots: listening.roots,
    serve_args: [...options.serveArgs],
    cwd: options.cwd,
    log: paths.log,
  };
  writeRecord(paths, record);
  return record;
}
