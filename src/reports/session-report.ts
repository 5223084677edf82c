// The session report's rows: one per session (its subagent files and agent-progress usage included), with its
// project, first and last activity, models and the subagents' share (session-lists.ts selects and orders them).
import type { ReportBook } from './report-book.ts';
import type { MergedSession } from './session-files.ts';
import {
  addSums,
  costOf,
  newSums,
  tokenFields,
  tokensOf,
  usageFields,
  type TokenFields,
  type UsageFields,
} from './report-rows.ts';

export interface SubagentUsage extends TokenFields {
  readonly totalTokens: number;
  readonly totalCost: number;
  /** Of the session's tokens and cost, 0–1. */
  readonly tokenShare: number;
  readonly costShare: number;
}

export type SessionRow = UsageFields & {
  readonly sessionId: string;
  /** The project folder name under `projects/` (ccusage's `projectPath`). */
  readonly projectPath: string;
  /** cco: the project's working directory, from the logs' `cwd`. */
  readonly cwd: string | null;
  /** ISO 8601. */
  readonly firstActivity: string;
  readonly lastActivity: string;
  /** cco: usage of the session's subagents (sidechain responses). */
  readonly subagent: SubagentUsage;
};

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function sessionRow(book: ReportBook, s: MergedSession): SessionRow {
  const total = newSums();
  for (const sums of s.models.values()) addSums(total, sums);
  const sub = s.subagent;
  return {
    sessionId: s.session,
    projectPath: s.projectName,
    cwd: book.projectPaths.get(s.project) ?? null,
    firstActivity: new Date(s.first).toISOString(),
    lastActivity: new Date(s.last).toISOString(),
    ...usageFields(total, s.models, (id) => book.models[id]),
    subagent: {
      ...tokenFields(sub),
      totalTokens: tokensOf(sub),
      totalCost: costOf(sub),
      tokenShare: share(tokensOf(sub), tokensOf(total)),
      costShare: share(costOf(sub), costOf(total)),
    },
  };
}
