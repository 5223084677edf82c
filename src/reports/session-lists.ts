// The session report over the book's merged sessions: since/until select sessions by their last activity. Rows are
// built once per merged session (again only when it or the working directories change); each order's list is kept
// sorted (re-sorted from its last order when sessions change: nearly sorted already, a tick changes a few), and
// totals come from per-block sums over the list by last activity, so a report pages a sorted list instead of
// merging, sorting and summing every session.
import type { ReportBook } from './report-book.ts';
import { totalsOf, type Totals } from './report-rows.ts';
import { sessionRow, type SessionRow } from './session-report.ts';
import type { MergedSession } from './session-files.ts';
import type { ReportQuery } from './types.ts';
import type { ZoneCalendar } from './zone-calendar.ts';

type SessionOrder = ReportQuery['order'];

/** Sessions per block of summed totals. */
const BLOCK = 64;
const TOTAL_KEYS = [
  'inputTokens',
  'outputTokens',
  'cacheCreationTokens',
  'cacheReadTokens',
  'totalTokens',
  'totalCost',
  'messageCount',
] as const satisfies readonly (keyof Totals)[];

/** ccusage lists sessions costliest first whatever its --order; an explicit order sorts by last activity. */
function compareFor(order: SessionOrder, cost: (s: MergedSession) => number) {
  if (order === 'asc') return (a: MergedSession, b: MergedSession) => a.last - b.last || a.seq - b.seq;
  if (order === 'desc') return (a: MergedSession, b: MergedSession) => b.last - a.last || a.seq - b.seq;
  return (a: MergedSession, b: MergedSession) =>
    cost(b) - cost(a) || (a.session < b.session ? -1 : a.session > b.session ? 1 : a.seq - b.seq);
}

/** First index in `list` (sorted by `last`, ascending when `up`) whose last activity is past `ms` in that order. */
function boundary(list: readonly MergedSession[], ms: number, up: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const last = (list[mid] as MergedSession).last;
    if (up ? last < ms : last >= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SessionReport {
  readonly rows: SessionRow[];
  /** Over every session in the range, also those the limit leaves out. */
  readonly totals: Totals;
}

export class SessionReports {
  readonly #rows = new WeakMap<MergedSession, { readonly row: SessionRow; readonly paths: number }>();
  readonly #sorted = new Map<SessionOrder, { version: number; list: MergedSession[] }>();
  #blocks: { version: number; sums: Float64Array[]; projects: Map<number, number>[] } | undefined;

  constructor(private readonly book: ReportBook) {}

  report(calendar: ZoneCalendar, query: ReportQuery): SessionReport {
    const from = query.since === undefined ? Number.NEGATIVE_INFINITY : calendar.startOfDay(query.since);
    const to = query.until === undefined ? Number.POSITIVE_INFINITY : calendar.startOfDay(query.until + 1);
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    if (query.sessionId !== undefined) {
      const rows = this.#list(query.order)
        .filter((s) => s.session === query.sessionId && s.last >= from && s.last < to)
        .map((s) => this.#row(s));
      return { rows: rows.slice(0, limit), totals: totalsOf(rows) };
    }
    const byLast = this.#list('asc');
    const lo = boundary(byLast, from, true);
    const hi = boundary(byLast, to, true);
    const totals = this.#totals(byLast, lo, hi);
    let rows: SessionRow[];
    if (query.order === undefined) {
      rows = [];
      for (const s of this.#list(undefined)) {
        if (rows.length >= limit) break;
        if (s.last >= from && s.last < to) rows.push(this.#row(s));
      }
    } else {
      const list = this.#list(query.order);
      const [start, end] = query.order === 'asc' ? [lo, hi] : [boundary(list, to, false), boundary(list, from, false)];
      rows = list.slice(start, Math.min(end, start + limit)).map((s) => this.#row(s));
    }
    return { rows, totals };
  }

  /** Sessions per ledger project id whose last activity falls on a local day in [since, until]. */
  countsByProject(calendar: ZoneCalendar, since: number | undefined, until: number | undefined): Map<number, number> {
    const byLast = this.#list('asc');
    const lo = boundary(byLast, since === undefined ? Number.NEGATIVE_INFINITY : calendar.startOfDay(since), true);
    const hi = boundary(byLast, until === undefined ? Number.POSITIVE_INFINITY : calendar.startOfDay(until + 1), true);
    const counts = new Map<number, number>();
    const add = (project: number, n: number) => counts.set(project, (counts.get(project) ?? 0) + n);
    const { projects } = this.#blockSums(byLast);
    let i = lo;
    for (; i < hi && i % BLOCK !== 0; i++) add((byLast[i] as MergedSession).project, 1);
    for (; i + BLOCK <= hi; i += BLOCK) for (const [project, n] of projects[i / BLOCK] ?? []) add(project, n);
    for (; i < hi; i++) add((byLast[i] as MergedSession).project, 1);
    return counts;
  }

  /** Totals of byLast[lo, hi): whole blocks from their sums, the ends row by row. */
  #totals(byLast: readonly MergedSession[], lo: number, hi: number): Totals {
    const sums = new Float64Array(TOTAL_KEYS.length);
    const add = (s: MergedSession) => {
      const row = this.#row(s);
      TOTAL_KEYS.forEach((k, i) => (sums[i] = (sums[i] ?? 0) + row[k]));
    };
    const blocks = this.#blockSums(byLast).sums;
    let i = lo;
    for (; i < hi && i % BLOCK !== 0; i++) add(byLast[i] as MergedSession);
    for (; i + BLOCK <= hi; i += BLOCK) {
      const block = blocks[i / BLOCK] as Float64Array;
      for (let k = 0; k < sums.length; k++) sums[k] = (sums[k] ?? 0) + (block[k] ?? 0);
    }
    for (; i < hi; i++) add(byLast[i] as MergedSession);
    return Object.fromEntries(TOTAL_KEYS.map((k, j) => [k, sums[j] ?? 0])) as unknown as Totals;
  }

  /** Per block of BLOCK sessions of byLast: their totals (TOTAL_KEYS order) and sessions per project. */
  #blockSums(byLast: readonly MergedSession[]): { sums: Float64Array[]; projects: Map<number, number>[] } {
    const version = this.#sortedVersion('asc');
    if (this.#blocks?.version === version) return this.#blocks;
    const sums: Float64Array[] = [];
    const projects: Map<number, number>[] = [];
    byLast.forEach((s, i) => {
      const b = Math.floor(i / BLOCK);
      const block = sums[b] ?? (sums[b] = new Float64Array(TOTAL_KEYS.length));
      const counts = projects[b] ?? (projects[b] = new Map());
      const row = this.#row(s);
      TOTAL_KEYS.forEach((k, j) => (block[j] = (block[j] ?? 0) + row[k]));
      counts.set(s.project, (counts.get(s.project) ?? 0) + 1);
    });
    this.#blocks = { version, sums, projects };
    return this.#blocks;
  }

  #row(s: MergedSession): SessionRow {
    const kept = this.#rows.get(s);
    if (kept && kept.paths === this.book.pathsVersion) return kept.row;
    const row = sessionRow(this.book, s);
    this.#rows.set(s, { row, paths: this.book.pathsVersion });
    return row;
  }

  #sortedVersion(order: SessionOrder): number {
    return this.#sorted.get(order)?.version ?? -1;
  }

  #list(order: SessionOrder): readonly MergedSession[] {
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
