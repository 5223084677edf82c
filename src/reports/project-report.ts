// The project report: usage per project folder over the range (by the local day of each 15-minute bucket).
import type { ReportBook } from './report-book.ts';
import type { LocalDays } from './local-days.ts';
import { addSums, sumsOf, usageFields, type SumsBy, type UsageFields } from './report-rows.ts';
import type { ReportQuery } from './types.ts';

export type ProjectRow = UsageFields & {
  /** The project folder name under `projects/`. */
  readonly project: string;
  /** The working directory last logged for it. */
  readonly cwd: string | null;
  /** Sessions of the project whose last activity falls in the range. */
  readonly sessionCount: number;
};

const PROJECT_SPAN = 2 ** 16;

/** @param sessions sessions per project id whose last activity is in the range. */
export function projectRows(
  book: ReportBook,
  days: LocalDays,
  sessions: ReadonlyMap<number, number>,
  query: ReportQuery,
): ProjectRow[] {
  const totals: SumsBy<number> = new Map();
  const models = new Map<number, SumsBy<number>>();
  days.forEachCells(query.since, query.until, (cells) => {
    for (const [key, sums] of cells) {
      const project = key % PROJECT_SPAN;
      addSums(sumsOf(totals, project), sums);
      let m = models.get(project);
      if (!m) models.set(project, (m = new Map()));
      addSums(sumsOf(m, (key - project) / PROJECT_SPAN), sums);
    }
  });
  const rows = [...totals].map(
    ([id, total]): ProjectRow => ({
      project: book.projects[id] ?? '',
      cwd: book.projectPaths.get(id) ?? null,
      sessionCount: sessions.get(id) ?? 0,
      ...usageFields(total, models.get(id) ?? new Map(), (m) => book.models[m]),
    }),
  );
  const sign = query.order === 'asc' ? -1 : 1;
  return rows.sort((a, b) => sign * (b.totalCost - a.totalCost) || (a.project < b.project ? -1 : 1));
}
