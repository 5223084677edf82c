// Where `cco serve` reads plan-limit samples: the status line's spool in the state dir and Claude Code's
// `.claude.json` (in CLAUDE_CONFIG_DIR when set, else the home folder).
import { join } from 'node:path';
import type { LimitSourcePaths } from '../../ingest/limit-sources.ts';
import { stateDir } from '../daemon/state.ts';
import type { Env } from '../io.ts';
import { spoolPath } from './spool.ts';

export function limitSourcesFor(env: Env, home: string): LimitSourcePaths {
  const configDir = env.CLAUDE_CONFIG_DIR?.split(',')[0]?.trim();
  return {
    spoolPath: spoolPath(stateDir(undefined, env, home)),
    claudeJsonPath: configDir ? join(configDir, '.claude.json') : join(home, '.claude.json'),
  };
}
