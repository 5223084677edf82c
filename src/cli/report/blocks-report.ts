// Human output of `cco blocks`: one row per 5-hour block (gaps as one dim line), then the active block's burn rate.
import { formatCount, formatDateTime, formatUsd } from '../../text/format.ts';
import type { Style } from '../../text/style.ts';
import { renderTable } from '../../text/table.ts';
import type { BlocksBody, StatsSource } from '../../client/types.ts';

export interface BlocksReportOptions {
  readonly source: StatsSource;
  readonly style: Style;
}

const minutes = (n: number): string => (n >= 60 ? `${Math.floor(n / 60)} h ${n % 60} min` : `${n} min`);

export function renderBlocksReport(body: BlocksBody, options: BlocksReportOptions): string[] {
  const { style } = options;
  const from =
    options.source.kind === 'daemon'
      ? `daemon at ${options.source.url}`
      : `logs in ${options.source.roots.join(', ') || '(no data roots)'}`;
  const head = `${style.bold('Claude Code 5-hour blocks')} ${style.dim(`· ${from} · local time`)}`;
  if (body.blocks.length === 0) return [head, '', style.dim('No usage yet.')];
  const rows = body.blocks.map((b) =>
    b.is_gap
      ? [formatDateTime(b.start), style.dim('gap'), '', '', '', style.dim(`no usage until ${formatDateTime(b.end)}`)]
      : [
          formatDateTime(b.start),
          `${b.is_active ? style.bold('ACTIVE') : 'done'}${b.usage_limit_reset_time === null ? '' : ' · limit'}`,
          formatCount(b.entries),
          formatCount(b.total_tokens),
          formatUsd(b.cost),
          b.models.join(', '),
        ],
  );
  const table = renderTable(
    [
      { header: 'Block start' },
      { header: 'Status' },
      { header: 'Entries', align: 'right' },
      { header: 'Tokens', align: 'right' },
      { header: 'Cost', align: 'right' },
      { header: 'Models', maxWidth: 60 },
    ],
    rows,
  );
  const lines = [head, '', ...table.map((l, i) => (i === 0 ? style.bold(l) : l))];
  const active = body.active;
  if (active) {
    lines.push('', style.bold(`Active block: ${formatDateTime(active.start)} – ${formatDateTime(active.end)}`));
    if (active.usage_limit_reset_time !== null)
      lines.push(`  limit       usage limit reached; resets ${formatDateTime(active.usage_limit_reset_time)}`);
    if (active.burn_rate)
      lines.push(
        `  burn rate   ${formatCount(Math.round(active.burn_rate.tokens_per_minute))} tokens/min · ${formatUsd(active.burn_rate.cost_per_hour)}/h`,
      );
    if (active.projection) {
      const p = active.projection;
      lines.push(
        `  projected   ${formatCount(p.total_tokens)} tokens · ${formatUsd(p.total_cost)} at the end of the block (${minutes(p.remaining_minutes)} left)`,
      );
    }
  }
  return lines;
}
