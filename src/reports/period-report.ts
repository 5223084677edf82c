// Daily, weekly and monthly reports: the book's cells folded by local day, week (from a chosen weekday) or month.
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

const PROJECT_SPAN = 2 ** 16;

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
  const groups = new Map<number, Group>();
  days.forEachDay(query.since, query.until, (day, cells) => {
    const key = groupOf(day);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { total: newSums(), models: new Map(), projects: new Map() }));
    for (const [key, sums] of cells) {
      const project = key % PROJECT_SPAN;
      addSums(group.total, sums);
      addSums(sumsOf(group.models, (key - project) / PROJECT_SPAN), sums);
      if (byProject) addSums(sumsOf(group.projects, project), sums);
    }
  });
  const keys = [...groups.keys()].sort((a, b) => (query.order === 'desc' ? b - a : a - b));
  const labelKey = PERIOD_KEY[query.kind];
  const projects = (g: Group) =>
    byProject
      ? {
          sums: g.projects,
          name: (id: number) => book.projects[id] ?? '',
          cwd: (id: number) => book.projectPaths.get(id) ?? null,
        }
      : undefined;
  return keys.map((key) => {
    const g = groups.get(key) as Group;
    return { [labelKey]: label(key), ...usageFields(g.total, g.models, (id) => book.models[id], projects(g)) };
  });
}
