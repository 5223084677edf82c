// Cost per day, week or month as SVG bars at the element's pixel width; each bar names its period and cost in a
// <title> (the table below is the keyboard's way to the same figures).
import { niceCeil } from './chart.ts';
import { s } from './dom.ts';
import { formatUsd } from './labels.ts';

const HEIGHT = 180;
const MARGIN = { top: 8, right: 6, bottom: 20, left: 54 } as const;
/** Closest that period labels may be, px. */
const LABEL_SPACING = 72;

export interface Bar {
  readonly label: string;
  /** USD. */
  readonly cost: number;
}

export function drawBars(svg: SVGSVGElement, bars: readonly Bar[], width: number): void {
  const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const base = HEIGHT - MARGIN.bottom;
  const plotHeight = base - MARGIN.top;
  const max = niceCeil(Math.max(0, ...bars.map((b) => b.cost)));
  const column = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.max(1, column > 4 ? column * 0.8 : column);
  const every = Math.max(1, Math.ceil(LABEL_SPACING / column));
  const right = MARGIN.left + plotWidth;
  const nodes: SVGElement[] = [
    s('line', { class: 'grid', x1: MARGIN.left, x2: right, y1: MARGIN.top + 0.5, y2: MARGIN.top + 0.5 }),
    s(
      'text',
      { class: 'tick', x: MARGIN.left - 6, y: MARGIN.top, 'text-anchor': 'end', 'dominant-baseline': 'hanging' },
      formatUsd(max, max >= 10 ? 0 : 2),
    ),
    s('text', { class: 'tick', x: MARGIN.left - 6, y: base, 'text-anchor': 'end' }, formatUsd(0, 0)),
  ];
  bars.forEach((bar, i) => {
    const x = MARGIN.left + i * column + (column - barWidth) / 2;
    const h = bar.cost > 0 ? Math.max(1, (bar.cost / max) * plotHeight) : 0;
    nodes.push(
      s(
        'rect',
        {
          class: 'bars cost',
          x: x.toFixed(1),
          y: (base - h).toFixed(1),
          width: barWidth.toFixed(1),
          height: h.toFixed(1),
          'data-testid': 'report-bar',
          'data-label': bar.label,
          'data-cost': bar.cost,
        },
        s('title', {}, `${bar.label}: ${formatUsd(bar.cost)}`),
      ),
    );
    if (i % every === 0)
      nodes.push(
        s('text', { class: 'tick', x: MARGIN.left + i * column, y: HEIGHT - 3, 'text-anchor': 'start' }, bar.label),
      );
  });
  nodes.push(s('line', { class: 'axis', x1: MARGIN.left, x2: right, y1: base + 0.5, y2: base + 0.5 }));
  svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
  svg.setAttribute('height', String(HEIGHT));
  svg.replaceChildren(...nodes);
}
