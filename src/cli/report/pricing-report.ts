// Human output of `cco pricing`: one row per model key and price period (USD per million tokens), the origin of the
// prices that are not embedded, then the models seen without a price.
import type { Style } from '../../text/style.ts';
import { renderTable } from '../../text/table.ts';
import type { PricingBody, StatsSource } from '../../client/types.ts';

export interface PricingReportOptions {
  readonly source: StatsSource;
  readonly style: Style;
}

type Row = PricingBody['models'][number];

const usd = (n: number): string => `$${n}`;
const day = (iso: string | null, open: string): string =>
  iso === null ? open : iso.endsWith('T00:00:00.000Z') || iso.endsWith('T23:59:59.999Z') ? iso.slice(0, 10) : iso;

function period(row: Row): string {
  if (row.from === null && row.until === null) return '';
  return `${day(row.from, '…')} – ${day(row.until, '…')}`;
}

/** The prices' origins in one cell: `embedded`, one config path, or per field where they differ. */
function origin(row: Row): string {
  const s = row.sources;
  const all = [
    s.input,
    s.output,
    s.cache_write_5m,
    s.cache_write_1h,
    s.cache_read,
    s.above_200k,
    s.fast_multiplier,
  ].filter((x): x is string => x !== null);
  const distinct = [...new Set(all)];
  if (distinct.length === 1) return distinct[0] ?? '';
  const named: [string, string | null][] = [
    ['input', s.input],
    ['output', s.output],
    ['5m write', s.cache_write_5m],
    ['1h write', s.cache_write_1h],
    ['read', s.cache_read],
    ['>200k', s.above_200k],
    ['fast', s.fast_multiplier],
  ];
  return distinct
    .map(
      (src) =>
        `${src}: ${named
          .filter(([, v]) => v === src)
          .map(([k]) => k)
          .join(', ')}`,
    )
    .join('; ');
}

export function renderPricingReport(body: PricingBody, options: PricingReportOptions): string[] {
  const { style } = options;
  const from =
    options.source.kind === 'daemon'
      ? `daemon at ${options.source.url}`
      : `config file and logs in ${options.source.roots.join(', ') || '(no data roots)'}`;
  const head = `${style.bold('Prices in force')} ${style.dim(`· USD per million tokens · ${from}`)}`;
  const rows = body.models.map((m) => [
    m.model,
    period(m),
    usd(m.input),
    usd(m.output),
    usd(m.cache_write_5m),
    usd(m.cache_write_1h),
    usd(m.cache_read),
    m.above_200k ? `${usd(m.above_200k.input)} / ${usd(m.above_200k.output)}` : '',
    m.fast_multiplier === null ? '' : `×${m.fast_multiplier}`,
    origin(m),
  ]);
  const table = renderTable(
    [
      { header: 'Model' },
      { header: 'Period' },
      { header: 'Input', align: 'right' },
      { header: 'Output', align: 'right' },
      { header: '5m write', align: 'right' },
      { header: '1h write', align: 'right' },
      { header: 'Read', align: 'right' },
      { header: '>200k in/out', align: 'right' },
      { header: 'Fast', align: 'right' },
      { header: 'Source', maxWidth: 70 },
    ],
    rows,
  );
  const lines = [head, '', ...table.map((l, i) => (i === 0 ? style.bold(l) : l)), ''];
  lines.push(
    body.unpriced_models.length === 0
      ? style.dim('Every model seen in the logs has a price.')
      : `${style.bold('Unpriced models')} (cost counted as 0; price them with [pricing."<model>"] in the config file): ${body.unpriced_models.join(', ')}`,
  );
  return lines;
}
