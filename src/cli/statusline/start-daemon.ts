// `cco statusline --start-daemon`: starts the managed daemon in the background when none answers, at most once a
// minute whatever the number of status lines (an exclusive lock file with a date), and never waits for it.
import { openSync, closeSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { selfCommand } from '../daemon/self-command.ts';
import type { Env } from '../io.ts';

/** How long one attempt holds the lock: no other status line tries meanwhile, ms. */
export const START_LOCK_MS = 60_000;

/** Takes the lock (creating it exclusively; one older than START_LOCK_MS is taken over). */
export function takeStartLock(stateDir: string, now: number): boolean {
  const lock = join(stateDir, 'statusline-start.lock');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      return true;
    } catch {
      try {
        if (now - statSync(lock).mtimeMs < START_LOCK_MS) return false;
        rmSync(lock, { force: true });
      } catch {
        return false;
      }
    }
  }
  return false;
}

/** Runs `cco daemon start` detached (it refuses itself when a daemon runs); true when one was spawned. */
export function startDaemonInBackground(stateDir: string, env: Env, now: number): boolean {
  if (!takeStartLock(stateDir, now)) return false;
  const clean = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  try {
    const child = Bun.spawn([...selfCommand(), 'daemon', 'start', `--state-dir=${stateDir}`], {
      stdio: ['ignore', 'ignore', 'ignore'],
      env: clean,
      detached: true,
    });
    child.unref();
    return true;
  } catch {
    return false;
  }
}
