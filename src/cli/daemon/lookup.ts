// What the state dir says about the daemon: running (the recorded process, verified by its start time and
// executable), stale (files left behind, or a pid that now belongs to another program), or stopped.
import { sameProcess, systemInspector, type ProcessInspector } from './process.ts';
import {
  clearState,
  isDaemonRecord,
  readPid,
  readRecord,
  type DaemonRecord,
  type ProcessRecord,
  type StatePaths,
} from './state.ts';

export type DaemonLookup =
  | {
      readonly state: 'running';
      readonly pid: number;
      /** Undefined while the daemon is still starting (it has no URL yet). */
      readonly record: DaemonRecord | undefined;
      /** Which process it is, as recorded at its start. */
      readonly claim: ProcessRecord;
    }
  | { readonly state: 'stale'; readonly pid: number | 'invalid'; readonly reused?: boolean }
  | { readonly state: 'stopped' };

/**
 * A pid is the daemon only when the record written at its start says so and the process under it now is that one
 * (same start time and executable): a pid file alone, or a pid now used by another program, is stale.
 */
export function lookupDaemon(paths: StatePaths, inspector: ProcessInspector = systemInspector()): DaemonLookup {
  const record = readRecord(paths);
  const pid = record?.pid ?? readPid(paths);
  if (pid === undefined) return { state: 'stopped' };
  if (pid === 'invalid') return { state: 'stale', pid };
  const now = inspector.look(pid);
  if (now.state === 'gone') return { state: 'stale', pid, reused: false };
  if (record === undefined || !sameProcess(record.process, now.identity)) return { state: 'stale', pid, reused: true };
  return { state: 'running', pid, record: isDaemonRecord(record) ? record : undefined, claim: record };
}

/** Removes a stale pid file and record; returns the line that says so. */
export function cleanStale(
  paths: StatePaths,
  lookup: { readonly pid: number | 'invalid'; readonly reused?: boolean },
): string {
  clearState(paths);
  const what =
    lookup.pid === 'invalid'
      ? 'an unreadable pid file'
      : `a stale pid file (pid ${lookup.pid} ${lookup.reused ? 'now belongs to another program' : 'is not running'})`;
  return `cco: removed ${what} from ${paths.dir}`;
}
