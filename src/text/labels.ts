// Names people read for API values: time ranges and projects.
import type { TimeRangeName } from '../api/values.ts';

export const RANGE_LABELS: Readonly<Record<TimeRangeName, string>> = {
  today: 'today',
  week: 'last 7 days',
  month: 'this month',
  all: 'all time',
};

/** A project as people know it: its working directory with ~ for home, else the folder name. */
export function projectLabel(project: { readonly name: string; readonly path: string | null }, home: string): string {
  if (!project.path) return project.name;
  return home && project.path.startsWith(`${home}/`) ? `~${project.path.slice(home.length)}` : project.path;
}
