// The cost-and-tokens chart: two bar panels (USD and tokens per step) over one time axis, drawn as plain SVG at the
// element's pixel width (text stays crisp; the page redraws on resize).
import { s } from './dom.ts';
import { formatClock, formatCompact, formatUsd } from './labels.ts';
import type { HistoryBody, HistoryPoint } from '../client/types.ts';

const PANEL_HEIGHT = 92;
const PANEL_GAP = 18;
const MARGIN = { top: 6, right: 6, bottom: 20, left: 54 } as const;
/** Closest that time-axis labels may be, px. */
const MIN_TICK_SPACING = 84;

interface Panel {
  readonly key: 'cost' | 'tokens';
  readonly label: string;
  readonly format: (value: number) => string;
}

const PANELS: readonly Panel[] = [
  { key: 'cost', label: 'USD per step', format: (v) => formatUsd(v, v >= 10 || v === 0 ? 0 : v >= 0.1 ? 2 : 3) },
  { key: 'tokens', label: 'tokens per step', format: formatCompact },
];

/** What a pointer over the chart is on: the step's point and its column, px. */
export interface ChartHit {
  readonly point: HistoryPoint;
  readonly stepMs: number;
  readonly x: number;
  readonly width: number;
}

export interface ChartGeometry {
  readonly height: number;
  /** The step under `x` (px from the SVG's left edge), if any. */
  hitAt(x: number): ChartHit | undefined;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `value` (1 for nothing). */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= value * (1 - 1e-9)) return m * power;
  return 10 * power;
}

const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10_080].map((m) => m * 60_000);
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** Time-axis labels at round local times, no closer than MIN_TICK_SPACING. */
function timeTicks(start: number, end: number, width: number): { at: number; label: string }[] {
  const span = end - start;
  const most = Math.max(1, Math.floor(width / MIN_TICK_SPACING));
  const step = TICK_STEPS_MS.find((ms) => span / ms <= most) ?? span;
  const offset = new Date(start).getTimezoneOffset() * 60_000;
  const ticks: { at: number; label: string }[] = [];
  for (let t = Math.ceil((start - offset) / step) * step + offset; t <= end; t += step) {
    ticks.push({ at: t, label: step >= 86_400_000 ? dayLabel.format(t) : formatClock(t).slice(0, 5) });
  }
  return ticks;
}

/** Draws `history` into `svg` at `width` px and returns how to find the step under the pointer. */
export function drawChart(svg: SVGSVGElement, history: HistoryBody, width: number): ChartGeometry {
  const points = history.points;
  const height = MARGIN.top + PANELS.length * PANEL_HEIGHT + (PANELS.length - 1) * PANEL_GAP + MARGIN.bottom;
  const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const first = points[0];
  const last = points.at(-1);
  const stepMs = points[1] && first ? points[1].timestamp - first.timestamp : 60_000;
  const end = last?.timestamp ?? 0;
  const start = (first?.timestamp ?? 0) - stepMs;
  const xAt = (t: number) => MARGIN.left + ((t - start) / (end - start || 1)) * plotWidth;
  const column = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, column > 4 ? column - 1 : column);

  const nodes: SVGElement[] = [];
  PANELS.forEach((panel, i) => {
    const top = MARGIN.top + i * (PANEL_HEIGHT + PANEL_GAP);
    const base = top + PANEL_HEIGHT;
    const max = niceCeil(Math.max(0, ...points.map((p) => p[panel.key])));
    let bars = '';
    for (const p of points) {
      const value = p[panel.key];
      if (value <= 0) continue;
      const y = Math.min(base - 1, base - (value / max) * PANEL_HEIGHT);
      bars += `M${xAt(p.timestamp - stepMs).toFixed(1)} ${base}V${y.toFixed(1)}h${barWidth.toFixed(1)}V${base}Z`;
    }
    const right = MARGIN.left + plotWidth;
    nodes.push(
      s('line', { class: 'grid', x1: MARGIN.left, x2: right, y1: top + 0.5, y2: top + 0.5 }),
      s('line', {
        class: 'grid',
        x1: MARGIN.left,
        x2: right,
        y1: top + PANEL_HEIGHT / 2 + 0.5,
        y2: top + PANEL_HEIGHT / 2 + 0.5,
      }),
      s('path', { class: `bars ${panel.key}`, d: bars, 'data-testid': `chart-${panel.key}` }),
      s('line', { class: 'axis', x1: MARGIN.left, x2: right, y1: base + 0.5, y2: base + 0.5 }),
      s(
        'text',
        { class: 'tick', x: MARGIN.left - 6, y: top + 4, 'text-anchor': 'end', 'dominant-baseline': 'hanging' },
        panel.format(max),
      ),
      s('text', { class: 'tick', x: MARGIN.left - 6, y: base, 'text-anchor': 'end' }, panel.format(0)),
      s(
        'text',
        { class: `panel-label ${panel.key}`, x: MARGIN.left + 6, y: top + 4, 'dominant-baseline': 'hanging' },
        panel.label,
      ),
    );
  });
  const axisY = height - MARGIN.bottom;
  for (const tick of timeTicks(start, end, plotWidth)) {
    const x = xAt(tick.at);
    // Labels near either end are anchored inwards so they are not cut off.
    const anchor = x < MARGIN.left + 20 ? 'start' : x > width - MARGIN.right - 20 ? 'end' : 'middle';
    nodes.push(
      s('line', { class: 'axis', x1: x, x2: x, y1: axisY, y2: axisY + 4 }),
      s('text', { class: 'tick', x, y: height - 3, 'text-anchor': anchor }, tick.label),
    );
  }
  nodes.push(
    s('rect', { class: 'cursor', x: 0, y: MARGIN.top, width: 0, height: axisY - MARGIN.top, visibility: 'hidden' }),
  );

  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('height', String(height));
  svg.replaceChildren(...nodes);
  return {
    height,
    hitAt(x) {
      const i = Math.floor((x - MARGIN.left) / column);
      const point = points[i];
      return point && x >= MARGIN.left
        ? { point, stepMs, x: xAt(point.timestamp - stepMs), width: barWidth }
        : undefined;
    },
  };
}
