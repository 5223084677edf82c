// Flags every `cco daemon` sub-command shares, and turning them into state paths and durations.
import { homedir } from 'node:os';
import { dirsHint } from '../../platform/dirs.ts';
import { parseDuration } from '../../platform/duration.ts';
import { UsageError } from '../errors.ts';
import type { Env } from '../io.ts';
import { stateDir, statePaths, type StatePaths } from './state.ts';

export const stateDirArg = {
  'state-dir': {
    type: 'string',
    description: `Where the pid file and log live (default: CCO_STATE_DIR, $XDG_STATE_HOME/cco, ${dirsHint(process.platform).state})`,
    valueHint: 'dir',
  },
} as const;

export function timeoutArg(fallback: string, what: string) {
  return {
    timeout: {
      type: 'string',
      default: fallback,
      description: `How long to wait for the daemon to ${what}`,
      valueHint: 'duration',
    },
  } as const;
}

export function pathsFrom(flag: unknown, env: Env): StatePaths {
  return statePaths(stateDir(typeof flag === 'string' ? flag : undefined, env, homedir()));
}

/** A --timeout value in ms. */
export function parseTimeout(raw: string): number {
  const ms = parseDuration(raw);
  if (ms === undefined) throw new UsageError(`invalid timeout '${raw}': expected a duration like 10s or 1m`);
  return ms;
}
