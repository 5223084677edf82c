// Human output of `cco stats`: totals, per model and top projects as aligned tables, USD and grouped token counts.
import { formatAge, formatClock, formatCount, formatPercent, formatUsd } from '../../text/format.ts';
import { projectLabel, RANGE_LABELS } from '../../text/labels.ts';
import type { Style } from '../../text/style.ts';
import { renderTable } from '../../text/table.ts';
import type { StatsBody, StatsSource } from '../../client/types.ts';

export interface StatsReportOptions {
  readonly source: StatsSource;
  readonly style: Style;
  readonly home: string;
  /** Rows of the project table. */
  readonly topProjects?: number;
}

export function renderStatsReport(body: StatsBody, options: StatsReportOptions): string[] {
  const { style } = options;
  const t = body.totals;
  const from =
    options.source.kind === 'daemon'
      ? `daemon at ${options.source.url}`
      : `logs in ${options.source.roots.join(', ') || '(no data roots)'}`;
  const head = `${style.bold(`Claude Code usage · ${RANGE_LABELS[body.time_range]}`)} ${style.dim(`· ${from} · updated ${formatClock(body.last_updated)}${body.stale_s > 0 ? ` (${formatAge(body.stale_s)} ago)` : ''}`)}`;

  const totals = renderTable(
    [{ header: 'Totals' }, { header: '', align: 'right' }],
    [
      ['Cost', formatUsd(t.cost)],
      ['Tokens', formatCount(t.total_tokens)],
      ['  input', formatCount(t.input_tokens)],
      ['  output', formatCount(t.output_tokens)],
      ['  cache write', formatCount(t.cache_creation_tokens)],
      ['  cache read', formatCount(t.cache_read_tokens)],
      ['Messages', formatCount(t.messages)],
      ['Failed requests', formatCount(t.requests_failed)],
      ['Avg response', `${formatCount(t.avg_response_time)} ms`],
    ],
  );

  const models =
    body.models.length === 0
      ? [style.dim('No model usage in this range.')]
      : renderTable(
          [
            { header: 'Model', maxWidth: 40 },
            { header: 'Cost', align: 'right' },
            { header: 'Tokens', align: 'right' },
            { header: 'Messages', align: 'right' },
            { header: 'Share', align: 'right' },
          ],
          body.models.map((m) => [
            m.model,
            formatUsd(m.cost),
            formatCount(m.tokens),
            formatCount(m.messages),
            formatPercent(m.percentage),
          ]),
        );

  const shown = body.projects.slice(0, options.topProjects ?? 10);
  const projects =
    shown.length === 0
      ? []
      : renderTable(
          [
            {
              header: `Project${body.projects.length > shown.length ? ` (top ${shown.length} of ${body.projects.length})` : ''}`,
              maxWidth: 48,
            },
            { header: 'Cost', align: 'right' },
            { header: 'Tokens', align: 'right' },
            { header: 'Messages', align: 'right' },
            { header: 'Share', align: 'right' },
          ],
          shown.map((p) => [
            projectLabel(p, options.home),
            formatUsd(p.cost),
            formatCount(p.tokens),
            formatCount(p.messages),
            formatPercent(p.percentage),
          ]),
        );

  const boldHeader = (lines: string[]) => lines.map((l, i) => (i === 0 ? style.bold(l) : l));
  return [
    head,
    '',
    ...boldHeader(totals),
    '',
    ...boldHeader(models),
    ...(projects.length ? ['', ...boldHeader(projects)] : []),
  ];
}
