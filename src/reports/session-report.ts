// The session report: one row per session (its subagent files and agent-progress usage included), with its project,
// first and last activity, models and the subagents' share. since/until select sessions by their last activity.
import type { ReportBook } from './report-book.ts';
import type { MergedSession } from './session-files.ts';
import { inDayRange } from './report-range.ts';
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
import type { ReportQuery } from './types.ts';
import type { ZoneCalendar } from './zone-calendar.ts';

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

function sessionRow(book: ReportBook, s: MergedSession): SessionRow {
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

type SessionOrder = ReportQuery['order'];

/** ccusage lists sessions costliest first whatever its --order; an explicit order sorts by last activity. */
function compareFor(order: SessionOrder, cost: (s: MergedSession) => number) {
  if (order === 'asc') return (a: MergedSession, b: MergedSession) => a.last - b.last || a.seq - b.seq;
  if (order === 'desc') return (a: MergedSession, b: MergedSession) => b.last - a.last || a.seq - b.seq;
  return (a: MergedSession, b: MergedSession) =>
    cost(b) - cost(a) || (a.session < b.session ? -1 : a.session > b.session ? 1 : a.seq - b.seq);
}

/**
 * Session reports over the book's merged sessions: rows are built once per merged session (and again only when it
 * or the working directories change), and each order's list is re-sorted from its last order when sessions change
 * (nearly sorted already: a tick changes a few sessions), so a report filters a sorted list.
 */
export class SessionReports {
  readonly #rows = new WeakMap<MergedSession, { readonly row: SessionRow; readonly paths: number }>();
  readonly #sorted = new Map<SessionOrder, { version: number; list: MergedSession[] }>();

  constructor(private readonly book: ReportBook) {}

  rows(calendar: ZoneCalendar, query: ReportQuery): SessionRow[] {
    const rows: SessionRow[] = [];
    for (const s of this.#sortedList(query.order)) {
      if (query.sessionId !== undefined && s.session !== query.sessionId) continue;
      if (!inDayRange(calendar, s.last, query.since, query.until)) continue;
      rows.push(this.#row(s));
    }
    return rows;
  }

  #row(s: MergedSession): SessionRow {
    const kept = this.#rows.get(s);
    if (kept && kept.paths === this.book.pathsVersion) return kept.row;
    const row = sessionRow(this.book, s);
    this.#rows.set(s, { row, paths: this.book.pathsVersion });
    return row;
  }

  #sortedList(order: SessionOrder): readonly MergedSession[] {
    const sessions = this.book.sessions;
    const kept = this.#sorted.get(order);
    if (kept?.version === sessions.version) return kept.list;
    const current = sessions.sessions;
    const list: MergedSession[] = [];
    const listed = new Set<string>();
    for (const s of kept?.list ?? []) {
      const now = current.get(s.key);
      if (now && !listed.has(s.key)) {
        list.push(now);
        listed.add(s.key);
      }
    }
    for (const [key, s] of current) if (!listed.has(key)) list.push(s);
    list.sort(compareFor(order, (s) => this.#row(s).totalCost));
    this.#sorted.set(order, { version: sessions.version, list });
    return list;
  }
}
