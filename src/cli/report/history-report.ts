// Human output of `cco history`: sparklines of cost, tokens and messages per step, with sums, peaks and a time axis.
import { parseDuration } from '../../platform/duration.ts';
import { formatClock, formatCompact, formatCount, formatUsd } from '../../text/format.ts';
import { downsample, sparkline } from '../../text/sparkline.ts';
import type { Style } from '../../text/style.ts';
import type { HistoryBody } from '../../client/types.ts';

const pad = (v: number) => String(v).padStart(2, '0');

/** Axis label of an instant: the time of day for spans up to 12 hours, date and time up to 2 days, else the date. */
export function axisLabel(at: number, spanMs: number): string {
  const d = new Date(at);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (spanMs <= 12 * 3_600_000) return time;
  return spanMs <= 2 * 86_400_000 ? `${date} ${time}` : date;
}

interface Series {
  readonly label: string;
  readonly values: number[];
  readonly total: (sum: number) => string;
  readonly peak: (max: number) => string;
}

export function renderHistoryReport(
  body: HistoryBody,
  options: { readonly url: string; readonly columns: number; readonly style: Style },
): string[] {
  const { style } = options;
  const points = body.points;
  const head = `${style.bold(`Usage history · last ${body.range}`)} ${style.dim(`· ${points.length} points, one per ${body.step} · daemon at ${options.url}`)}`;
  if (points.length === 0) return [head, '', style.dim('No points in this range.')];

  const labelWidth = 7;
  const width = Math.max(10, Math.min(points.length, options.columns - labelWidth - 1));
  const per = Math.ceil(points.length / width);
  const series: Series[] = [
    {
      label: 'cost',
      values: points.map((p) => p.cost),
      total: (s) => formatUsd(s),
      peak: (m) => formatUsd(m, m < 1 ? 4 : 2),
    },
    {
      label: 'tokens',
      values: points.map((p) => p.tokens),
      total: (s) => formatCount(s),
      peak: (m) => formatCompact(m),
    },
    { label: 'msgs', values: points.map((p) => p.messages), total: (s) => formatCount(s), peak: (m) => formatCount(m) },
  ];
  const stepLabel = per > 1 ? `${per} × ${body.step}` : body.step;
  const rows = series.flatMap((s) => {
    const columns = downsample(s.values, width);
    const sum = s.values.reduce((a, b) => a + b, 0);
    const max = Math.max(0, ...columns);
    const peakAt = columns.indexOf(max);
    // Columns are aligned to the newest point, so column j ends (n - 1 - j) steps of `per` before the last point.
    const last = points[points.length - 1 - (columns.length - 1 - peakAt) * per];
    const peakText = max > 0 && last ? `, peak ${s.peak(max)} per ${stepLabel} at ${formatClock(last.timestamp)}` : '';
    return [
      `${s.label.padEnd(labelWidth)} ${style.cyan(sparkline(columns))}`,
      `${''.padEnd(labelWidth)} ${style.dim(`${s.total(sum)} in range${peakText}`)}`,
    ];
  });
  const first = points[0];
  const end = points[points.length - 1];
  // Each point closes its step, so the chart starts one step before the first point.
  const start = first ? first.timestamp - (parseDuration(body.step) ?? 0) : 0;
  const span = end ? end.timestamp - start : 0;
  const left = first ? axisLabel(start, span) : '';
  const right = end ? axisLabel(end.timestamp, span) : '';
  const chartWidth = Math.ceil(points.length / per);
  const axis = `${''.padEnd(labelWidth)} ${left}${' '.repeat(Math.max(1, chartWidth - left.length - right.length))}${right}`;
  const cumulative = end
    ? `Cumulative at the end: ${formatUsd(end.total_cost)}, ${formatCount(end.total_tokens)} tokens, ${formatCount(end.messages_count)} messages`
    : '';
  return [head, '', ...rows, style.dim(axis), '', style.dim(cumulative)];
}
