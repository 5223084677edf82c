// The daemon's state dir: where `cco daemon` keeps its pid file, its record (URL, data roots, flags) and its log.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Env } from '../io.ts';

export interface StatePaths {
  readonly dir: string;
  /** Plain pid, for `kill $(cat cco.pid)`. */
  readonly pid: string;
  /** JSON DaemonRecord. */
  readonly record: string;
  readonly log: string;
}

/** What `cco daemon start` learned about the daemon it started. */
export interface DaemonRecord {
  readonly pid: number;
  readonly url: string;
  /** ISO time the daemon answered its first health check. */
  readonly started_at: string;
  readonly data_roots: readonly string[];
  /** The `cco serve` flags it runs with; `restart` reuses them. */
  readonly serve_args: readonly string[];
  /** Where it was started (relative paths in serve_args are relative to it). */
  readonly cwd: string;
  readonly log: string;
}

/** --state-dir, else CCO_STATE_DIR, else $XDG_STATE_HOME/cco, else ~/.local/state/cco. */
export function stateDir(flag: string | undefined, env: Env, home: string): string {
  if (flag) return resolve(flag);
  if (env.CCO_STATE_DIR) return resolve(env.CCO_STATE_DIR);
  if (env.XDG_STATE_HOME) return join(resolve(env.XDG_STATE_HOME), 'cco');
  return join(home, '.local', 'state', 'cco');
}

export function statePaths(dir: string): StatePaths {
  return { dir, pid: join(dir, 'cco.pid'), record: join(dir, 'cco.json'), log: join(dir, 'cco.log') };
}

export function ensureStateDir(paths: StatePaths): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
}

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The pid in the pid file: a number, `'invalid'` for garbage, undefined when there is no file. */
export function readPid(paths: StatePaths): number | 'invalid' | undefined {
  const text = readText(paths.pid);
  if (text === undefined) return undefined;
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 1 ? pid : 'invalid';
}

export function readRecord(paths: StatePaths): DaemonRecord | undefined {
  const text = readText(paths.record);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'pid' in value && 'url' in value && typeof value.url === 'string') {
      return value as DaemonRecord;
    }
  } catch {
    // a torn or hand-edited record: treat as missing
  }
  return undefined;
}

/** Creates the pid file only if none exists (two `start`s cannot both win); false when one is there. */
export function claimPidFile(paths: StatePaths, pid: number | ''): boolean {
  try {
    writeFileSync(paths.pid, `${pid}\n`, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  }
}

function writeAtomically(path: string, text: string, mode = 0o644): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}

/** Only the owner may read it: serve_args may hold a --token. */
export function writeRecord(paths: StatePaths, record: DaemonRecord): void {
  writeAtomically(paths.record, `${JSON.stringify(record, null, 2)}\n`, 0o600);
}

/** The value of `--token` among serve flags, if one was given. */
export function tokenOf(serveArgs: readonly string[]): string | undefined {
  const flag = serveArgs.find((a) => a.startsWith('--token='));
  return flag?.slice('--token='.length);
}

/** serve flags as safe to print or log: a token's value is hidden. */
export function redacted(serveArgs: readonly string[]): string[] {
  return serveArgs.map((a) => (a.startsWith('--token=') ? '--token=…' : a));
}

/** Removes the pid file and record (the log stays). */
export function clearState(paths: StatePaths): void {
  rmSync(paths.pid, { force: true });
  rmSync(paths.record, { force: true });
}
