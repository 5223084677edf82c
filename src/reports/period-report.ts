// Daily, weekly and monthly reports: the zone's local-day folds as they are, or summed by week (from a chosen
// weekday) or month.
import { formatDay, formatMonth, monthOf, weekStartOf } from './civil-date.ts';
import type { ReportBook } from './report-book.ts';
import type { LocalDays } from './local-days.ts';
import { addSums, newSums, sumsOf, usageFields, type SumsBy, type UsageFields } from './report-rows.ts';
import type { ReportQuery } from './types.ts';
import { WEEKDAYS } from '../api/values.ts';

export type PeriodKind = 'daily' | 'weekly' | 'monthly';

/** The label key of each period kind, as ccusage names it. */
export const PERIOD_KEY = { daily: 'date', weekly: 'week', monthly: 'month' } as const;

export type PeriodRow = UsageFields & { readonly date?: string; readonly week?: string; readonly month?: string };

interface Group {
  readonly total: Float64Array;
  readonly models: SumsBy<number>;
  readonly projects: SumsBy<number>;
}

export function periodRows(book: ReportBook, days: LocalDays, query: ReportQuery & { kind: PeriodKind }): PeriodRow[] {
  const start = WEEKDAYS.indexOf(query.startOfWeek);
  const groupOf =
    query.kind === 'daily'
      ? (day: number) => day
      : query.kind === 'weekly'
        ? (day: number) => weekStartOf(day, start)
        : monthOf;
  const label = query.kind === 'monthly' ? formatMonth : formatDay;
  const byProject = query.breakdown === 'project';
  const labelKey = PERIOD_KEY[query.kind];
  const projects = (g: Group) =>
    byProject
      ? {
          sums: g.projects,
          name: (id: number) => book.projects[id] ?? '',
          cwd: (id: number) => book.projectPaths.get(id) ?? null,
        }
      : undefined;
  const rowOf = (key: number, g: Group): PeriodRow => ({
    [labelKey]: label(key),
    ...usageFields(g.total, g.models, (id) => book.models[id], projects(g)),
  });
  const rows = new Map<number, PeriodRow>();
  if (query.kind === 'daily') {
    // A day's row is built once and kept with its fold (until the day changes or a working directory does).
    const memo = `${byProject}:${book.pathsVersion}`;
    days.forEachDay(query.since, query.until, (day, fold) => {
      let row = fold.rows.get(memo) as PeriodRow | undefined;
      if (!row) fold.rows.set(memo, (row = rowOf(day, fold)));
      rows.set(day, row);
    });
  } else {
    const groups = new Map<number, Group>();
    days.forEachDay(query.since, query.until, (day, fold) => {
      const key = groupOf(day);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { total: newSums(), models: new Map(), projects: new Map() }));
      addSums(group.total, fold.total);
      for (const [model, sums] of fold.models) addSums(sumsOf(group.models, model), sums);
      if (byProject) for (const [project, sums] of fold.projects) addSums(sumsOf(group.projects, project), sums);
    });
    for (const [key, group] of groups) rows.set(key, rowOf(key, group));
  }
  const keys = [...rows.keys()].sort((a, b) => (query.order === 'desc' ? b - a : a - b));
  return keys.map((key) => rows.get(key) as PeriodRow);
}
