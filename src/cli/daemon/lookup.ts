// What the state dir says about the daemon: running (pid alive and ours), stale (pid file left behind), or stopped.
import { pidState } from './process.ts';
import { clearState, readPid, readRecord, type DaemonRecord, type StatePaths } from './state.ts';

export type DaemonLookup =
  | { readonly state: 'running'; readonly pid: number; readonly record: DaemonRecord | undefined }
  | { readonly state: 'stale'; readonly pid: number | 'invalid'; readonly reused?: boolean }
  | { readonly state: 'stopped' };

export function lookupDaemon(paths: StatePaths): DaemonLookup {
  const pid = readPid(paths);
  if (pid === undefined) return { state: 'stopped' };
  if (pid === 'invalid') return { state: 'stale', pid };
  const runs = pidState(pid);
  if (runs !== 'ours') return { state: 'stale', pid, reused: runs === 'other' };
  const record = readRecord(paths);
  return { state: 'running', pid, record: record?.pid === pid ? record : undefined };
}

/** Removes a stale pid file and record; returns the line that says so. */
export function cleanStale(paths: StatePaths, lookup: { readonly pid: number | 'invalid'; readonly reused?: boolean }): string {
  clearState(paths);
  const what = lookup.pid === 'invalid'
    ? 'an unreadable pid file'
    : `a stale pid file (pid ${lookup.pid} ${lookup.reused ? 'now belongs to another program' : 'is not running'})`;
  return `cco: removed ${what} from ${paths.dir}`;
}
