// Where the append benches write: where Claude Code appends, the most recently active main session files (not
// subagents), touched now as a live user's would be (the generated data is as of the bench's `now`, and a file idle for
// 10 minutes is only checked every 10th tick, so an append to it would wait for its turn).
import { statSync, utimesSync } from 'node:fs';
import { sep } from 'node:path';
import { listJsonl } from './raw-parse.ts';

/** The `count` most recently modified main session files under `projectsDir`, newest first, their mtimes set to now. */
export function activeSessions(projectsDir: string, count: number): string[] {
  const sessions = listJsonl(projectsDir)
    .filter((p) => !p.includes(`${sep}subagents${sep}`))
    .map((p) => ({ p, mtime: statSync(p).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)
    .slice(0, count)
    .map((s) => s.p);
  const now = new Date();
  for (const path of sessions) utimesSync(path, now, now);
  return sessions;
}
