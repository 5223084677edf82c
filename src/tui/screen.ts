// Draws the monitor as exactly `height` lines of at most `width` columns: header, totals, last-hour sparklines,
// plan limits (when the daemon has any), models with share bars, top projects and recent calls. Pure: state and size in, lines out.
import { projectLabel, RANGE_LABELS } from '../text/labels.ts';
import { formatAge, formatClock, formatCompact, formatCount, formatPercent, formatUsd } from '../text/format.ts';
import { bar, sparkline } from '../text/sparkline.ts';
import type { Style } from '../text/style.ts';
import { renderTable } from '../text/table.ts';
import { displayWidth, fit, flow, truncate } from '../text/width.ts';
import { limitLines } from './limits-panel.ts';
import type { MonitorState, StatsBody } from './types.ts';

export interface ScreenOptions {
  readonly width: number;
  readonly height: number;
  readonly style: Style;
  /** Epoch ms. */
  readonly now: number;
  /** For ~ in project paths. */
  readonly home: string;
}

const KEYS_LINE = 'q quit · r refresh · t time range · ? help';

function status(state: MonitorState, style: Style): string {
  if (state.error) return style.red('✖ down');
  if (!state.data) return style.yellow('◌ connecting');
  const interval = state.data.health?.interval_s ?? 2;
  return state.data.stats.stale_s > Math.max(10, interval * 5) ? style.yellow('● stale') : style.green('● live');
}

function header(state: MonitorState, o: ScreenOptions): string[] {
  const { style } = o;
  const stats = state.data?.stats;
  const health = state.data?.health;
  const loading = stats && stats.time_range !== state.range ? style.yellow(' (loading…)') : '';
  const parts = [
    style.bold('cco monitor'),
    status(state, style),
    state.url,
    `range: ${style.bold(RANGE_LABELS[state.range])}${loading}`,
  ];
  if (health) parts.push(`up ${formatAge(health.uptime_s)}`);
  if (stats) {
    // Up to two ingest intervals old is normal; beyond that, say how old.
    const late = stats.stale_s > 2 * (health?.interval_s ?? 2);
    parts.push(
      `updated ${formatClock(stats.last_updated)}${late ? style.yellow(` (${formatAge(stats.stale_s)} ago)`) : ''}`,
    );
  }
  const left = ` ${parts.join(style.dim(' · '))}`;
  const right = style.dim('? help ');
  const gap = o.width - displayWidth(left) - displayWidth(right);
  const first = gap >= 1 ? `${left}${' '.repeat(gap)}${right}` : left;

  const every = formatAge(state.refreshMs / 1000);
  let second: string;
  if (state.error) {
    const since = state.lastOkAt ? ` · showing data from ${formatClock(state.lastOkAt)}` : '';
    second = state.error.reachable
      ? style.red(` ✖ ${state.error.message}; retrying every ${every}`) + style.dim(since)
      : style.red(` ✖ ${state.url} not reachable, retrying every ${every} (${state.error.message})`) + style.dim(since);
  } else if (health) {
    const tick = health.last_tick;
    const facts = [`daemon ${health.version}`, `ingest every ${health.interval_s}s`];
    if (tick) facts.push(`last tick ${formatClock(tick.at)} (${tick.duration_ms.toFixed(0)} ms)`);
    facts.push(`${formatCount(health.files_tracked)} files`, `refresh every ${every}`);
    if (!health.ready) facts.push(style.yellow('reading logs…'));
    second = style.dim(` ${facts.join(' · ')}`);
  } else {
    second = style.dim(` waiting for ${state.url} · refresh every ${every}`);
  }
  return [first, second, style.dim('─'.repeat(o.width))];
}

function totals(stats: StatsBody, o: ScreenOptions): string[] {
  const { style } = o;
  const t = stats.totals;
  const item = (label: string, value: string) => `${style.bold(label)} ${value}`;
  const main = [
    item('Cost', formatUsd(t.cost)),
    item('Tokens', formatCount(t.total_tokens)),
    item('Messages', formatCount(t.messages)),
    item('Failed', formatCount(t.requests_failed)),
    item('Avg response', `${formatCount(t.avg_response_time)} ms`),
  ];
  const kinds = [
    `input ${formatCount(t.input_tokens)}`,
    `output ${formatCount(t.output_tokens)}`,
    `cache write ${formatCount(t.cache_creation_tokens)}`,
    `cache read ${formatCount(t.cache_read_tokens)}`,
  ];
  return [...flow(main, o.width, '   '), ...flow(kinds, o.width, ' · ').map(style.dim)];
}

function lastHour(state: MonitorState, o: ScreenOptions): string[] {
  const { style } = o;
  const history = state.data?.history;
  if (!history || history.points.length === 0) return [style.dim(' Last hour  no history yet')];
  const points = history.points;
  const cost = points.map((p) => p.cost);
  const tokens = points.map((p) => p.tokens);
  const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
  const label = ` Last hour (per ${history.step}) `;
  const costText = formatUsd(sum(cost));
  const tokenText = formatCompact(sum(tokens));
  const suffix = Math.max(costText.length, tokenText.length) + 2;
  const width = Math.max(0, Math.min(points.length, o.width - label.length - 7 - suffix));
  const row = (name: string, values: number[], total: string) =>
    `${name.padEnd(7)}${style.cyan(sparkline(values, width))}  ${total}`;
  return [
    `${style.bold(label)}${row('cost', cost, costText)}`,
    `${' '.repeat(label.length)}${row('tokens', tokens, tokenText)}`,
  ];
}

function withBars(
  columns: Parameters<typeof renderTable>[0],
  rows: string[][],
  shares: number[],
  width: number,
  style: Style,
): string[] {
  const plain = renderTable(columns, rows);
  const used = Math.max(...plain.map(displayWidth));
  const barWidth = Math.max(0, Math.min(24, width - used - 4));
  if (barWidth < 4) return plain;
  const at = columns.length - 1;
  const withBar = [...columns.slice(0, at), { header: '' }, ...columns.slice(at)];
  return renderTable(
    withBar,
    rows.map((r, i) => [...r.slice(0, at), style.magenta(bar((shares[i] ?? 0) / 100, barWidth)), ...r.slice(at)]),
  );
}

function sections(stats: StatsBody, o: ScreenOptions, budget: number): string[] {
  const { style } = o;
  const indent = (lines: string[]) => lines.map((l, i) => ` ${i === 0 ? style.bold(l) : l}`);
  const labels = new Map(stats.projects.map((p) => [p.name, projectLabel(p, o.home)]));
  const out: string[] = [];
  const room = () => budget - out.length;

  // Models first (the share bars), then projects, then as many recent calls as fit.
  const modelRows = Math.min(stats.models.length, 8, room() - 2);
  if (stats.models.length === 0) out.push(style.dim(' No usage in this range yet.'), '');
  else if (modelRows > 0) {
    const shown = stats.models.slice(0, modelRows);
    out.push(
      ...indent(
        withBars(
          [
            { header: 'Model', maxWidth: 32 },
            { header: 'Cost', align: 'right' },
            { header: 'Tokens', align: 'right' },
            { header: 'Msgs', align: 'right' },
            { header: 'Share', align: 'right' },
          ],
          shown.map((m) => [
            m.model,
            formatUsd(m.cost),
            formatCount(m.tokens),
            formatCount(m.messages),
            formatPercent(m.percentage),
          ]),
          shown.map((m) => m.percentage),
          o.width - 1,
          style,
        ),
      ),
      '',
    );
  }
  const projectRows = Math.min(stats.projects.length, 5, room() - 2);
  if (projectRows > 0) {
    const shown = stats.projects.slice(0, projectRows);
    out.push(
      ...indent(
        renderTable(
          [
            { header: `Top projects`, maxWidth: 40 },
            { header: 'Cost', align: 'right' },
            { header: 'Tokens', align: 'right' },
            { header: 'Msgs', align: 'right' },
            { header: 'Share', align: 'right' },
          ],
          shown.map((p) => [
            projectLabel(p, o.home),
            formatUsd(p.cost),
            formatCount(p.tokens),
            formatCount(p.messages),
            formatPercent(p.percentage),
          ]),
        ),
      ),
      '',
    );
  }
  const calls = stats.activity.recent_calls;
  const callRows = Math.min(calls.length, room() - 1);
  if (callRows > 0) {
    out.push(
      ...indent(
        renderTable(
          [
            { header: 'Recent calls' },
            { header: 'Model', maxWidth: 28 },
            { header: 'Project', maxWidth: 32 },
            { header: 'Tokens', align: 'right' },
            { header: 'Cost', align: 'right' },
          ],
          calls
            .slice(0, callRows)
            .map((c) => [
              formatClock(c.time),
              c.model,
              labels.get(c.project) ?? c.project,
              formatCount(c.tokens),
              formatUsd(c.cost, 4),
            ]),
        ),
      ),
    );
  }
  return out;
}

function help(state: MonitorState, style: Style): string[] {
  return [
    style.bold(' Keys'),
    '   q, Ctrl-C   quit',
    '   r           refresh now',
    `   t           next time range: today → last 7 days → this month → all time (now: ${RANGE_LABELS[state.range]})`,
    '   ?, Esc      close this help',
    '',
    style.bold(' Data'),
    `   GET /api/stats, /api/health, /api/metrics/history?range=1h and /api/limits from ${state.url}`,
    `   every ${formatAge(state.refreshMs / 1000)}; figures are the daemon's, costs in USD.`,
  ];
}

export function renderScreen(state: MonitorState, o: ScreenOptions): string[] {
  const { style } = o;
  if (o.width < 20 || o.height < 5) {
    return [
      fit(' cco monitor: terminal too small', o.width),
      ...Array<string>(Math.max(0, o.height - 1)).fill(''),
    ].slice(0, o.height);
  }
  const top = header(state, o);
  const footer = style.dim(` ${KEYS_LINE}`);
  const budget = o.height - top.length - 1;
  let body: string[];
  if (state.showHelp) body = help(state, style);
  else if (!state.data) body = ['', style.dim(` Waiting for the first answer from ${state.url}…`)];
  else {
    const limits = limitLines(state.data.limits, o.width, o.now, style);
    const upper = [
      ...totals(state.data.stats, o),
      '',
      ...lastHour(state, o),
      '',
      ...(limits.length ? [...limits, ''] : []),
    ];
    body = [...upper, ...sections(state.data.stats, o, budget - upper.length)];
  }
  const lines = [...top, ...body.slice(0, budget)];
  while (lines.length < o.height - 1) lines.push('');
  lines.push(footer);
  return lines.map((l) => truncate(l, o.width));
}
