// The status line's segments: each one a short piece of text (or nothing when its figure is unknown), coloured by
// thresholds, joined in the configured order and dropped from the end until the line fits COLUMNS.
import { formatUsd } from '../../text/format.ts';
import type { Style } from '../../text/style.ts';
import { displayWidth } from '../../text/width.ts';

import { STATUSLINE_SEGMENTS, type StatuslineSegment } from '../../config/statusline-config.ts';

export type SegmentName = StatuslineSegment;

export const DEFAULT_SEGMENTS: readonly SegmentName[] = STATUSLINE_SEGMENTS;

/** A plan-limit window as the line shows it. */
export interface LineWindow {
  readonly usedPercent: number;
  /** Epoch ms. */
  readonly resetsAt: number | undefined;
  /** Epoch ms 100 % is reached at the current rate, when before the reset. */
  readonly limitAt?: number;
}

/** Everything the line can show; unknown figures are undefined. */
export interface LineFigures {
  readonly model?: string;
  readonly effort?: string;
  /** USD. */
  readonly sessionCost?: number;
  readonly todayCost?: number;
  readonly blockCost?: number;
  /** Epoch ms the active block ends. */
  readonly blockEndsAt?: number;
  readonly burnPerHour?: number;
  readonly fiveHour?: LineWindow;
  readonly sevenDay?: LineWindow;
  /** 0–100 %. */
  readonly contextPercent?: number;
  /** Cache reads of all input tokens, 0–1. */
  readonly cacheReadShare?: number;
}

export interface LineOptions {
  readonly segments: readonly SegmentName[];
  readonly style: Style;
  /** Epoch ms. */
  readonly now: number;
  /** Percentages from here on are yellow, and from `critical` on red. */
  readonly warnPercent: number;
  readonly criticalPercent: number;
  /** Terminal columns; undefined for no limit. */
  readonly columns?: number;
  /** Appended, e.g. `(no daemon)`. */
  readonly note?: string;
}

const SEPARATOR = ' | ';

/** A time left, compact: 45m, 2h13m, 3d04h. */
export function formatLeft(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, '0')}h`;
}

function percentColour(value: number, o: LineOptions): (text: string) => string {
  if (value >= o.criticalPercent) return o.style.red;
  if (value >= o.warnPercent) return o.style.yellow;
  return o.style.green;
}

function windowText(label: string, w: LineWindow | undefined, o: LineOptions): string | undefined {
  if (!w) return undefined;
  const reset = w.resetsAt !== undefined && w.resetsAt > o.now ? ` ↻${formatLeft(w.resetsAt - o.now)}` : '';
  const limit = w.limitAt !== undefined && w.limitAt > o.now ? ` !${formatLeft(w.limitAt - o.now)}` : '';
  return `${label} ${percentColour(w.usedPercent, o)(`${Math.round(w.usedPercent)}%`)}${reset}${limit && o.style.red(limit)}`;
}

function segmentText(name: SegmentName, f: LineFigures, o: LineOptions): string | undefined {
  const { style } = o;
  switch (name) {
    case 'model':
      return f.model === undefined ? undefined : style.bold(f.effort ? `${f.model} (${f.effort})` : f.model);
    case 'session':
      return f.sessionCost === undefined ? undefined : `${formatUsd(f.sessionCost)} session`;
    case 'today':
      return f.todayCost === undefined ? undefined : `${formatUsd(f.todayCost)} today`;
    case 'block':
      if (f.blockCost === undefined) return undefined;
      return `${formatUsd(f.blockCost)} block${f.blockEndsAt !== undefined ? ` (${formatLeft(f.blockEndsAt - o.now)} left)` : ''}`;
    case 'burn':
      return f.burnPerHour === undefined ? undefined : `${formatUsd(f.burnPerHour)}/h`;
    case 'five_hour':
      return windowText('5h', f.fiveHour, o);
    case 'seven_day':
      return windowText('7d', f.sevenDay, o);
    case 'context':
      return f.contextPercent === undefined
        ? undefined
        : `ctx ${percentColour(f.contextPercent, o)(`${Math.round(f.contextPercent)}%`)}`;
    case 'cache':
      return f.cacheReadShare === undefined ? undefined : `cache ${Math.round(f.cacheReadShare * 100)}%`;
  }
}

/** The line: the segments that have a figure, in order, as many as fit in `columns` (the note always kept). */
export function renderLine(f: LineFigures, o: LineOptions): string {
  const parts = o.segments.map((name) => segmentText(name, f, o)).filter((p): p is string => p !== undefined);
  const note = o.note ? o.style.dim(o.note) : '';
  const join = (list: readonly string[]) =>
    [list.length > 0 ? list.join(SEPARATOR) : 'cco', note].filter((p) => p !== '').join(' ');
  let line = join(parts);
  while (o.columns !== undefined && parts.length > 1 && displayWidth(line) > o.columns) {
    parts.pop();
    line = join(parts);
  }
  return line;
}
