// The Reports view: cost per day, week or month as bars over the chosen dates with a sortable table below, the
// sessions of those dates (sortable, searchable by project), a CSV of each table as shown, in the chosen time zone.
import type { Api } from './api.ts';
import { byTestId } from './dom.ts';
import { formatCount, formatUsd, formatUsdSmall, modelLabel, projectLabel } from './labels.ts';
import { drawBars } from './report-bars.ts';
import { downloadCsv, SortableTable, type Column } from './sortable-table.ts';
import type { PeriodReportRow, ReportBody, SessionReportRow } from '../client/types.ts';
import { localMinute } from '../text/zoned-time.ts';

const PERIODS = ['daily', 'weekly', 'monthly'] as const;
type Period = (typeof PERIODS)[number];
const PERIOD_WORDS: Readonly<Record<Period, string>> = { daily: 'day', weekly: 'week', monthly: 'month' };
/** Days the view opens on, today included. */
const DEFAULT_DAYS = 30;

const labelOf = (r: PeriodReportRow): string => r.date ?? r.week ?? r.month ?? '';
const models = (names: readonly string[]): string => names.map(modelLabel).join(', ');

/** The browser's local date `days` ago: YYYY-MM-DD. */
function localDate(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const tokenColumns = <R extends PeriodReportRow | SessionReportRow>(): Column<R>[] => [
  {
    key: 'inputTokens',
    label: 'input',
    numeric: true,
    wide: true,
    value: (r) => r.inputTokens,
    text: (r) => formatCount(r.inputTokens),
  },
  {
    key: 'outputTokens',
    label: 'output',
    numeric: true,
    wide: true,
    value: (r) => r.outputTokens,
    text: (r) => formatCount(r.outputTokens),
  },
  {
    key: 'cacheCreationTokens',
    label: 'cache write',
    numeric: true,
    wide: true,
    value: (r) => r.cacheCreationTokens,
    text: (r) => formatCount(r.cacheCreationTokens),
  },
  {
    key: 'cacheReadTokens',
    label: 'cache read',
    numeric: true,
    wide: true,
    value: (r) => r.cacheReadTokens,
    text: (r) => formatCount(r.cacheReadTokens),
  },
  {
    key: 'totalTokens',
    label: 'tokens',
    numeric: true,
    value: (r) => r.totalTokens,
    text: (r) => formatCount(r.totalTokens),
  },
  {
    key: 'totalCost',
    label: 'cost',
    numeric: true,
    value: (r) => r.totalCost,
    text: (r) => formatUsdSmall(r.totalCost),
  },
];

const figures = (r: PeriodReportRow | SessionReportRow) => ({
  input: r.inputTokens,
  output: r.outputTokens,
  'cache-creation': r.cacheCreationTokens,
  'cache-read': r.cacheReadTokens,
  'total-tokens': r.totalTokens,
  cost: r.totalCost,
  models: r.modelsUsed.join(','),
});

const totalsRow = (label: string, t: ReportBody['totals'], leading: number): string[] => [
  label,
  ...Array.from({ length: leading }, () => ''),
  formatCount(t.inputTokens),
  formatCount(t.outputTokens),
  formatCount(t.cacheCreationTokens),
  formatCount(t.cacheReadTokens),
  formatCount(t.totalTokens),
  formatUsd(t.totalCost),
];

export interface ReportsView {
  /** Loads the report for the current choices (when the view is shown, and after each change). */
  load(): Promise<void>;
}

export function reportsView(doc: Document, api: Api): ReportsView {
  const root = byTestId(doc, 'reports-view');
  const el = {
    periods: byTestId(root, 'report-period'),
    since: byTestId<HTMLInputElement>(root, 'report-since'),
    until: byTestId<HTMLInputElement>(root, 'report-until'),
    zone: byTestId<HTMLInputElement>(root, 'report-zone'),
    zones: byTestId<HTMLDataListElement>(root, 'report-zones'),
    summary: byTestId(root, 'report-summary'),
    chart: byTestId<SVGSVGElement>(root, 'report-chart'),
    search: byTestId<HTMLInputElement>(root, 'session-search'),
    sessionSummary: byTestId(root, 'session-summary'),
  };
  let period: Period = 'daily';
  /** The zone of the rows shown (the field may hold a name being typed). */
  let shownZone = 'UTC';
  let seq = 0;
  let bars: { label: string; cost: number }[] = [];

  const periodTable = new SortableTable<PeriodReportRow>(
    byTestId<HTMLTableElement>(root, 'report-table'),
    [
      { key: 'period', label: 'period', value: labelOf, text: labelOf },
      ...tokenColumns<PeriodReportRow>(),
      {
        key: 'models',
        label: 'models',
        wide: true,
        value: (r) => r.modelsUsed.join(' '),
        text: (r) => models(r.modelsUsed),
      },
    ],
    'report-row',
    (r) => ({ label: labelOf(r), ...figures(r) }),
    'No usage in these dates',
  );
  const project = (r: SessionReportRow) => projectLabel(r.projectPath, r.cwd);
  const sessionTable = new SortableTable<SessionReportRow>(
    byTestId<HTMLTableElement>(root, 'session-table'),
    [
      { key: 'sessionId', label: 'session', value: (r) => r.sessionId, text: (r) => r.sessionId.slice(0, 8) },
      { key: 'project', label: 'project', value: project, text: project },
      {
        key: 'lastActivity',
        label: 'last activity',
        value: (r) => r.lastActivity,
        text: (r) => localMinute(r.lastActivity, shownZone),
      },
      ...tokenColumns<SessionReportRow>(),
    ],
    'session-row',
    (r) => ({ session: r.sessionId, project: r.cwd ?? r.projectPath, 'last-activity': r.lastActivity, ...figures(r) }),
    'No session in these dates',
  );

  // Any IANA name the daemon knows may be typed; the list offers the browser's.
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  const zones = new Set(['UTC', own, ...Intl.supportedValuesOf('timeZone')]);
  el.zones.replaceChildren(...[...zones].sort().map((z) => new Option(z, z)));
  el.zone.value = own;
  el.since.value = localDate(DEFAULT_DAYS - 1);
  el.until.value = localDate(0);

  const draw = () => drawBars(el.chart, bars, Math.max(280, Math.floor(el.chart.getBoundingClientRect().width)));
  const query = (): Record<string, string> => {
    const q: Record<string, string> = { tz: el.zone.value.trim() || 'UTC' };
    if (el.since.value) q.since = el.since.value;
    if (el.until.value) q.until = el.until.value;
    return q;
  };

  const load = async () => {
    const mine = ++seq;
    const q = query();
    root.dataset.state = 'loading';
    let reports: [ReportBody, ReportBody];
    try {
      reports = await Promise.all([api.report(period, q), api.report('session', q)]);
    } catch (error) {
      if (mine !== seq) return;
      root.dataset.state = 'failed';
      el.summary.textContent = `Could not load the report: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    if (mine !== seq) return;
    const [body, sessions] = reports;
    shownZone = q.tz ?? 'UTC';
    const rows = body[period] ?? [];
    bars = rows.map((r) => ({ label: labelOf(r), cost: r.totalCost }));
    draw();
    periodTable.show(rows, totalsRow('total', body.totals, 0).concat(''));
    sessionTable.show(sessions.sessions ?? [], totalsRow('total', sessions.totals, 2));
    const t = body.totals;
    el.summary.textContent = `${formatUsd(t.totalCost)} · ${formatCount(t.totalTokens)} tokens over ${rows.length} ${PERIOD_WORDS[period]}${rows.length === 1 ? '' : 's'} with usage, days in ${q.tz}`;
    el.sessionSummary.textContent = `${formatCount((sessions.sessions ?? []).length)} sessions last active in these dates`;
    root.dataset.kind = period;
    root.dataset.query = new URLSearchParams(q).toString();
    root.dataset.state = 'loaded';
  };
  const reload = () => void load();

  for (const p of PERIODS) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.textContent = p;
    button.dataset.period = p;
    button.setAttribute('aria-pressed', String(p === period));
    button.addEventListener('click', () => {
      for (const b of el.periods.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
      period = p;
      reload();
    });
    el.periods.append(button);
  }
  for (const input of [el.since, el.until, el.zone]) input.addEventListener('change', reload);
  el.search.addEventListener('input', () => {
    const needle = el.search.value.trim().toLowerCase();
    sessionTable.filter((r) => `${r.cwd ?? ''} ${r.projectPath}`.toLowerCase().includes(needle));
  });
  const fileName = (what: string) => `cco-${what}-${el.since.value || 'start'}-${el.until.value || 'now'}.csv`;
  byTestId(root, 'report-csv').addEventListener('click', () => downloadCsv(doc, fileName(period), periodTable.csv()));
  byTestId(root, 'session-csv').addEventListener('click', () =>
    downloadCsv(doc, fileName('sessions'), sessionTable.csv()),
  );
  new ResizeObserver(draw).observe(el.chart);
  return { load };
}
