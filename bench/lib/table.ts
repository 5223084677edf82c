// Renders result rows as one aligned Markdown table (pasteable into the README), grouped by bench.
import type { Figure, Goal, Row } from './report.ts';

const COLUMNS = ['metric', 'value', 'baseline', 'ratio', 'goal', 'ok?'] as const;

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Three significant figures below 100, whole numbers with separators above. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs === 0 || abs >= 100) return grouped.format(n);
  return n.toFixed(abs >= 10 ? 1 : 2);
}

export function formatFigure(f: Figure): string {
  const text = `${formatNumber(f.value)} ${f.unit}`;
  return f.note ? `${text} (${f.note})` : text;
}

const formatRatio = (r: number | undefined): string =>
  r === undefined ? '' : Number.isFinite(r) ? `${r.toFixed(2)}×` : '∞';

function formatGoal(goal: Goal | undefined, row: Row): string {
  if (!goal) return '';
  const op = goal.op === '>=' ? '≥' : goal.op;
  if (goal.on === 'ratio') return `ratio ${op} ${goal.target.toFixed(2)}`;
  const unit = typeof row.value === 'string' ? '' : ` ${row.value.unit}`;
  return `${op} ${formatNumber(goal.target)}${unit}`;
}

function cells(row: Row): string[] {
  return [
    row.metric,
    typeof row.value === 'string' ? row.value : formatFigure(row.value),
    row.baseline ? `${row.baseline.label}: ${formatFigure(row.baseline)}` : '',
    formatRatio(row.ratio),
    formatGoal(row.goal, row),
    row.ok === undefined ? '' : row.ok ? '✓' : '✗ miss',
  ];
}

/** `sections` maps a bench name to its rows; each bench starts with a bold row naming it. */
export function renderTable(sections: ReadonlyMap<string, readonly Row[]>): string {
  const body: string[][] = [];
  for (const [name, rows] of sections) {
    body.push([`**${name}**`, '', '', '', '', '']);
    for (const row of rows) body.push(cells(row));
  }
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(COLUMNS), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
