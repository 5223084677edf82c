// The monitor's plan-limits lines: one per window (5-hour, 7-day, per-model weekly) with a bar of the used %, the time
// to its reset and the forecast (when 100 % is reached at the current rate, against the reset). Empty without figures.
import { formatAge } from '../text/format.ts';
import { bar } from '../text/sparkline.ts';
import type { Style } from '../text/style.ts';
import { displayWidth } from '../text/width.ts';
import type { LimitCurrentBody, LimitsBody } from './types.ts';

/** The used % from which a window is drawn yellow, then red. */
const WARN_PERCENT = 80;
const CRITICAL_PERCENT = 95;

const WINDOW_LABELS: Record<LimitCurrentBody['window'], string> = {
  five_hour: '5-hour',
  seven_day: '7-day',
  seven_day_model: '7-day',
};

export function limitLabel(c: LimitCurrentBody): string {
  return c.model ? `${WINDOW_LABELS[c.window]} ${c.model}` : WINDOW_LABELS[c.window];
}

/** Time to the reset, from `now` (epoch ms). */
function resetText(c: LimitCurrentBody, now: number): string {
  if (c.expired) return 'reset since reported';
  if (!c.resets_at) return 'reset unknown';
  return `resets in ${formatAge(Math.max(0, Date.parse(c.resets_at) - now) / 1000)}`;
}

/** The forecast in words: the rate, then whether 100 % comes before the reset. */
export function forecastText(c: LimitCurrentBody, now: number, style: Style): string {
  const f = c.forecast;
  if (c.expired) return style.dim('no forecast: the window has reset');
  if (f.rate_percent_per_hour === null) return style.dim('rate unknown');
  const rate = `${f.rate_percent_per_hour.toFixed(1)}%/h`;
  if (f.reaches_limit_at === null) return `${rate} · no limit at this rate`;
  const at = formatAge(Math.max(0, Date.parse(f.reaches_limit_at) - now) / 1000);
  if (f.limit_before_reset) return style.red(`${rate} · 100% in ${at}, before the reset`);
  return style.green(`${rate} · 100% in ${at}, after the reset`);
}

function colour(percent: number, style: Style): (text: string) => string {
  if (percent >= CRITICAL_PERCENT) return style.red;
  if (percent >= WARN_PERCENT) return style.yellow;
  return style.green;
}

/** A title line and one line per window; nothing when the daemon has no figures (or did not answer). */
export function limitLines(limits: LimitsBody | undefined, width: number, now: number, style: Style): string[] {
  if (!limits || limits.current.length === 0) return [];
  const labels = limits.current.map(limitLabel);
  const labelWidth = Math.min(24, Math.max(...labels.map(displayWidth)));
  const resets = limits.current.map((c) => resetText(c, now));
  const resetWidth = Math.max(...resets.map(displayWidth));
  // label, bar, "100%", reset, forecast: the bar takes what the rest leave, up to 24 columns.
  const fixed = 1 + labelWidth + 2 + 2 + 4 + 2 + resetWidth + 3 + 30;
  const barWidth = Math.max(0, Math.min(24, width - fixed));
  const lines = limits.current.map((c, i) => {
    const label = (labels[i] ?? '').slice(0, labelWidth).padEnd(labelWidth);
    const used = `${Math.round(c.used_percent)}%`.padStart(4);
    const paint = colour(c.used_percent, style);
    const drawn = barWidth >= 4 ? `${paint(bar(c.used_percent / 100, barWidth, '░'))}  ` : '';
    const reset = (resets[i] ?? '').padEnd(resetWidth);
    const seen = style.dim(` · ${c.source} ${formatAge(c.age_s)} ago`);
    return ` ${label}  ${drawn}${paint(used)}  ${reset}${style.dim(' · ')}${forecastText(c, now, style)}${seen}`;
  });
  return [style.bold(' Plan limits'), ...lines];
}
