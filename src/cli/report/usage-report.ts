// The people's view of a report: an aligned table with thousands separators, models listed, a totals row, the
// breakdown as indented lines, and a compact layout when the terminal is narrow.
import { ROWS_KEY, type ReportBody, type ReportRow } from '../../reports/report-engine.ts';
import type { Style } from '../../text/style.ts';
import { renderTable, type Column } from '../../text/table.ts';
import type { Breakdown, ReportKind } from '../../api/values.ts';
import { localMinute } from '../../text/zoned-time.ts';

/** Narrower than this, the compact layout (no cache columns, models left out). */
export const COMPACT_BELOW_COLUMNS = 110;

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const usd = (n: number): string =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (n: number): string => `${Math.round(n * 100)}%`;
const shortModel = (m: string): string => m.replace(/^claude-/, '').replace(/-\d{8}$/, '');

interface Figures {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheCreationTokens: number;
  readonly cacheReadTokens: number;
}

const total = (f: Figures): number => f.inputTokens + f.outputTokens + f.cacheCreationTokens + f.cacheReadTokens;

function label(kind: ReportKind, row: ReportRow, zone: string): string[] {
  const r = row as unknown as Record<string, string | number | null>;
  switch (kind) {
    case 'session':
      return [
        String(r.sessionId).slice(0, 36),
        String(r.cwd ?? r.projectPath),
        localMinute(String(r.lastActivity), zone),
      ];
    case 'project':
      return [String(r.cwd ?? r.project), String(r.sessionCount)];
    default:
      return [String(r.date ?? r.week ?? r.month)];
  }
}

const LABEL_HEADERS: Record<ReportKind, readonly string[]> = {
  daily: ['Date'],
  weekly: ['Week'],
  monthly: ['Month'],
  session: ['Session', 'Project', 'Last activity'],
  project: ['Project', 'Sessions'],
};

export interface UsageReportOptions {
  readonly kind: ReportKind;
  readonly breakdown: Breakdown;
  readonly style: Style;
  /** Terminal width; undefined: wide. */
  readonly columns: number | undefined;
  /** The IANA zone times are shown in (the report's days are that zone's). */
  readonly zone: string;
  /** Said under the table, e.g. the zone and where the figures come from. */
  readonly footer?: string;
}

export function renderUsageReport(body: ReportBody, o: UsageReportOptions): string[] {
  const rows = (body[ROWS_KEY[o.kind]] ?? []) as ReportRow[];
  if (rows.length === 0) return [`No usage in this range.${o.footer ? ` ${o.footer}` : ''}`];
  const compact = o.columns !== undefined && o.columns < COMPACT_BELOW_COLUMNS;
  const labels = LABEL_HEADERS[o.kind];
  const columns: Column[] = [
    ...labels.map((header, i) => ({ header, maxWidth: i === 0 && o.kind === 'session' ? (compact ? 10 : 36) : 40 })),
    ...(compact ? [] : [{ header: 'Models', maxWidth: 40 }]),
    { header: 'Input', align: 'right' as const },
    { header: 'Output', align: 'right' as const },
    ...(compact
      ? []
      : [
          { header: 'Cache create', align: 'right' as const },
          { header: 'Cache read', align: 'right' as const },
        ]),
    { header: 'Total tokens', align: 'right' as const },
    { header: 'Cost (USD)', align: 'right' as const },
    ...(o.kind === 'session' && !compact ? [{ header: 'Subagents', align: 'right' as const }] : []),
  ];
  // In compact mode a session shows its project only when the terminal has room for nothing else: drop last activity.
  const figures = (f: Figures, cost: number): string[] => [
    int(f.inputTokens),
    int(f.outputTokens),
    ...(compact ? [] : [int(f.cacheCreationTokens), int(f.cacheReadTokens)]),
    int(total(f)),
    usd(cost),
  ];
  const body2: string[][] = [];
  const styleRow: ((line: string) => string)[] = [];
  for (const row of rows) {
    const share = 'subagent' in row ? [pct(row.subagent.tokenShare)] : [];
    body2.push([
      ...label(o.kind, row, o.zone),
      ...(compact ? [] : [row.modelsUsed.map(shortModel).join(', ')]),
      ...figures(row, row.totalCost),
      ...(compact ? [] : share),
    ]);
    styleRow.push((l) => l);
    const parts =
      o.breakdown === 'model'
        ? row.modelBreakdowns.map((m) => ({ name: shortModel(m.modelName), f: m, cost: m.cost }))
        : o.breakdown === 'project'
          ? (row.projectBreakdowns ?? []).map((p) => ({ name: p.cwd ?? p.project, f: p, cost: p.cost }))
          : [];
    for (const p of parts) {
      const blank = labels.map(() => '');
      blank[0] = `  └ ${p.name}`;
      body2.push([...blank, ...(compact ? [] : ['']), ...figures(p.f, p.cost)]);
      styleRow.push(o.style.dim);
    }
  }
  const t = body.totals;
  body2.push([...labels.map((_, i) => (i === 0 ? 'Total' : '')), ...(compact ? [] : ['']), ...figures(t, t.totalCost)]);
  styleRow.push(o.style.bold);
  const lines = renderTable(columns, body2);
  const [header = '', ...rest] = lines;
  const out = [o.style.bold(header), ...rest.map((line, i) => (styleRow[i] ?? ((l: string) => l))(line))];
  if (o.footer) out.push(o.style.dim(o.footer));
  return out;
}
