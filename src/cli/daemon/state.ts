// The daemon's state dir: where `cco daemon` keeps its record (which process it is, URL, data roots, flags), a plain
// pid file and its log. Every file is created 0600 (the record may hold a --token, the log the daemon's warnings).
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ccoDirs, hostFacts } from '../../platform/dirs.ts';
import type { Env } from '../io.ts';
import type { ProcessIdentity } from './process.ts';

export interface StatePaths {
  readonly dir: string;
  /** Plain pid, for `kill $(cat cco.pid)`; the record, not this file, says which process is the daemon. */
  readonly pid: string;
  /** JSON ProcessRecord, then DaemonRecord once the daemon answers. */
  readonly record: string;
  readonly log: string;
}

/** What `cco daemon start` writes as soon as it has spawned the daemon: which process it is, and how it was run. */
export interface ProcessRecord {
  readonly pid: number;
  /** Checked before the pid counts as the daemon: a pid alone may since belong to any other program. */
  readonly process: ProcessIdentity;
  /** The `cco serve` flags it runs with; `restart` reuses them. */
  readonly serve_args: readonly string[];
  /** Where it was started (relative paths in serve_args are relative to it). */
  readonly cwd: string;
  readonly log: string;
}

/** What `cco daemon start` learned about the daemon it started, once it answered. */
export interface DaemonRecord extends ProcessRecord {
  readonly url: string;
  /** ISO time the daemon answered its first health check. */
  readonly started_at: string;
  readonly data_roots: readonly string[];
}

/** --state-dir, else CCO_STATE_DIR, else cco's state folder (platform/dirs.ts: $XDG_STATE_HOME/cco, else the OS's place). */
export function stateDir(flag: string | undefined, env: Env, home: string): string {
  if (flag) return resolve(flag);
  if (env.CCO_STATE_DIR) return resolve(env.CCO_STATE_DIR);
  return ccoDirs(hostFacts(env, home)).state;
}

export function statePaths(dir: string): StatePaths {
  return { dir, pid: join(dir, 'cco.pid'), record: join(dir, 'cco.json'), log: join(dir, 'cco.log') };
}

/** The state dir, created 0700 (an existing one keeps its mode: the files in it are 0600 anyway). */
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isIdentity = (v: unknown): v is ProcessIdentity =>
  isRecord(v) && typeof v.started === 'string' && (v.exe === undefined || typeof v.exe === 'string');

/** The record, either kind; undefined when there is none, it is torn or hand-edited, or it names no process identity. */
export function readRecord(paths: StatePaths): ProcessRecord | DaemonRecord | undefined {
  const text = readText(paths.record);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (
      isRecord(value) &&
      Number.isSafeInteger(value.pid) &&
      isIdentity(value.process) &&
      Array.isArray(value.serve_args) &&
      typeof value.cwd === 'string'
    ) {
      return value as unknown as ProcessRecord | DaemonRecord;
    }
  } catch {
    // treat as missing
  }
  return undefined;
}

/** A record written once the daemon answered (it has its URL). */
export const isDaemonRecord = (record: ProcessRecord | DaemonRecord): record is DaemonRecord =>
  'url' in record && typeof record.url === 'string';

const writeAtomically = (path: string, text: string): void => {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
};

/**
 * Creates the record only if there is none (two `start`s cannot both win): written whole to a temporary file first
 * and linked into place, so no reader ever sees half of it. Then the plain pid file. False when a record is there.
 */
export function claimRecord(paths: StatePaths, record: ProcessRecord): boolean {
  const tmp = `${paths.record}.${process.pid}.claim`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, paths.record);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
  writeAtomically(paths.pid, `${record.pid}\n`);
  return true;
}

/** Replaces the record (atomically) once the daemon answers. */
export function writeRecord(paths: StatePaths, record: DaemonRecord): void {
  writeAtomically(paths.record, `${JSON.stringify(record, null, 2)}\n`);
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
