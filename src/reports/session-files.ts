// Sessions as ccusage counts them: the files of one project folder that share a session name (the transcript and
// its subagents' files), merged from the book's per-file rollups.
import type { ReportBook } from './report-book.ts';
import { addSums, newSums, sumsOf } from './report-rows.ts';

export interface MergedSession {
  readonly session: string;
  readonly projectName: string;
  /** Ledger project id of the first file seen (for the working directory). */
  readonly project: number;
  first: number;
  last: number;
  readonly models: Map<number, Float64Array>;
  readonly subagent: Float64Array;
}

export function mergedSessions(book: ReportBook): Map<string, MergedSession> {
  const sessions = new Map<string, MergedSession>();
  for (const f of book.files.values()) {
    const key = `${f.projectName}\0${f.session}`;
    let s = sessions.get(key);
    if (!s) {
      s = {
        session: f.session,
        projectName: f.projectName,
        project: f.project,
        first: f.first,
        last: f.last,
        models: new Map(),
        subagent: newSums(),
      };
      sessions.set(key, s);
    }
    s.first = Math.min(s.first, f.first);
    s.last = Math.max(s.last, f.last);
    for (const [model, sums] of f.models) addSums(sumsOf(s.models, model), sums);
    addSums(s.subagent, f.subagent);
  }
  return sessions;
}
