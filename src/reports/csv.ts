// Reports as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled): one line
// per row, then, with a breakdown, one line per model (or project) of that row with the `breakdown` column filled.
import { ROWS_KEY, type ReportBody, type ReportRow } from './report-engine.ts';
import type { ReportKind } from '../api/values.ts';

export const csvField = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const LABELS: Record<ReportKind, readonly string[]> = {
  daily: ['date'],
  weekly: ['week'],
  monthly: ['month'],
  session: ['sessionId', 'projectPath', 'cwd', 'firstActivity', 'lastActivity'],
  project: ['project', 'cwd', 'sessionCount'],
};

const FIGURES = [
  'inputTokens',
  'outputTokens',
  'cacheCreationTokens',
  'cacheReadTokens',
  'totalTokens',
  'totalCost',
] as const;

export function reportCsv(body: ReportBody, kind: ReportKind, breakdown: 'none' | 'model' | 'project'): string {
  const labels = LABELS[kind];
  const header = [...labels, 'breakdown', ...FIGURES, 'modelsUsed'];
  const lines = [header.join(',')];
  const rows = (body[ROWS_KEY[kind]] ?? []) as ReportRow[];
  for (const row of rows) {
    const r = row as unknown as Record<string, string | number | null>;
    const label = labels.map((k) => csvField(r[k] ?? null));
    lines.push(
      [...label, '', ...FIGURES.map((k) => csvField(r[k] ?? 0)), csvField(row.modelsUsed.join(';'))].join(','),
    );
    const parts =
      breakdown === 'model'
        ? row.modelBreakdowns.map((m) => ({ name: m.modelName, ...m }))
        : breakdown === 'project'
          ? (row.projectBreakdowns ?? []).map((p) => ({ name: p.project, ...p }))
          : [];
    for (const p of parts) {
      const tokens = p.inputTokens + p.outputTokens + p.cacheCreationTokens + p.cacheReadTokens;
      lines.push(
        [
          ...label,
          csvField(p.name),
          p.inputTokens,
          p.outputTokens,
          p.cacheCreationTokens,
          p.cacheReadTokens,
          tokens,
          p.cost,
          '',
        ].join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
