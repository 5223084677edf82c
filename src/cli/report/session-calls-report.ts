// The people's view and the CSV of `cco session --id`: one line per call (local time, model, tokens by kind, cost),
// subagent calls marked, a totals row; compact when the terminal is narrow.
import { csvField } from '../../reports/csv.ts';
import type { SessionCallsBody } from '../../reports/session-calls-report.ts';
import type { Style } from '../../text/style.ts';
import { renderTable, type Column } from '../../text/table.ts';
import { COMPACT_BELOW_COLUMNS } from './usage-report.ts';
import { localMinute } from '../../text/zoned-time.ts';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const usd = (n: number): string =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: n !== 0 && n < 0.1 ? 4 : 2 })}`;
const shortModel = (m: string): string => m.replace(/^claude-/, '').replace(/-\d{8}$/, '') || '(none)';

export interface SessionCallsOptions {
  readonly style: Style;
  readonly columns: number | undefined;
  readonly zone: string;
  readonly footer?: string;
}

export function renderSessionCalls(body: SessionCallsBody, o: SessionCallsOptions): string[] {
  const compact = o.columns !== undefined && o.columns < COMPACT_BELOW_COLUMNS;
  const columns: Column[] = [
    { header: 'Time' },
    { header: 'Model', maxWidth: 30 },
    { header: 'Input', align: 'right' },
    { header: 'Output', align: 'right' },
    ...(compact
      ? []
      : [
          { header: 'Cache create', align: 'right' as const },
          { header: 'Cache read', align: 'right' as const },
        ]),
    { header: 'Total tokens', align: 'right' },
    { header: 'Cost (USD)', align: 'right' },
  ];
  const rows = body.entries.map((e) => [
    localMinute(e.timestamp, o.zone) + e.timestamp.slice(16, 19),
    `${shortModel(e.model)}${e.isSidechain ? ' (subagent)' : ''}`,
    int(e.inputTokens),
    int(e.outputTokens),
    ...(compact ? [] : [int(e.cacheCreationTokens), int(e.cacheReadTokens)]),
    int(e.inputTokens + e.outputTokens + e.cacheCreationTokens + e.cacheReadTokens),
    usd(e.costUSD),
  ]);
  const sum = (key: 'inputTokens' | 'outputTokens' | 'cacheCreationTokens' | 'cacheReadTokens') =>
    body.entries.reduce((n, e) => n + e[key], 0);
  rows.push([
    `Total (${int(body.entries.length)} calls)`,
    '',
    int(sum('inputTokens')),
    int(sum('outputTokens')),
    ...(compact ? [] : [int(sum('cacheCreationTokens')), int(sum('cacheReadTokens'))]),
    int(body.totalTokens),
    usd(body.totalCost),
  ]);
  const [header = '', ...lines] = renderTable(columns, rows);
  const last = lines.length - 1;
  const out = [
    o.style.bold(`Session ${body.sessionId}`),
    o.style.bold(header),
    ...lines.map((l, i) => (i === last ? o.style.bold(l) : l)),
  ];
  if (o.footer) out.push(o.style.dim(o.footer));
  return out;
}

const FIELDS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'costUSD'] as const;

/** RFC 4180, one line per call. */
export function sessionCallsCsv(body: SessionCallsBody): string {
  const lines = [['sessionId', 'timestamp', 'model', 'isSidechain', ...FIELDS].join(',')];
  for (const e of body.entries)
    lines.push(
      [body.sessionId, e.timestamp, e.model, String(e.isSidechain), ...FIELDS.map((k) => e[k])].map(csvField).join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
