// The dashboard's plan-limits panel: one bar per window (5-hour, weekly, per model) with its reset countdown, the
// forecast at the current burn rate and a sparkline of its history; hidden until a figure has been recorded.
import { h } from './dom.ts';
import { formatAge, formatUsd } from '../text/format.ts';
import { sparkline } from '../text/sparkline.ts';
import type { LimitCurrentBody, LimitsBody } from '../client/types.ts';

const LABEL = { five_hour: '5-hour', seven_day: 'weekly', seven_day_model: 'weekly' } as const;

function forecastText(c: LimitCurrentBody, now: number): string {
  if (c.expired) return 'window has reset';
  const f = c.forecast;
  if (f.reaches_limit_at !== null && f.limit_before_reset)
    return `limit in ${formatAge((Date.parse(f.reaches_limit_at) - now) / 1000)}`;
  if (f.rate_percent_per_hour !== null) return `${f.rate_percent_per_hour.toFixed(1)}%/h`;
  return '';
}

export function renderLimits(panel: HTMLElement, list: HTMLElement, body: LimitsBody | undefined, now: number): void {
  const current = body?.current ?? [];
  panel.hidden = current.length === 0;
  list.replaceChildren(
    ...current.map((c) => {
      const bar = h('span', { class: 'bar' });
      bar.style.width = `${Math.min(100, Math.max(0, c.used_percent))}%`;
      const reset = c.resets_at && !c.expired ? `resets in ${formatAge((Date.parse(c.resets_at) - now) / 1000)}` : '';
      const history = (body?.history ?? []).filter((s) => s.window === c.window && s.model === c.model);
      const left = c.calibration.remaining_usd === null ? '' : ` · ≈${formatUsd(c.calibration.remaining_usd)} left`;
      return h(
        'li',
        {
          class: c.used_percent >= 95 ? 'over' : c.used_percent >= 80 ? 'near' : undefined,
          'data-testid': 'limit-row',
          'data-window': c.window,
          'data-percent': c.used_percent,
          title: `${c.source}, ${formatAge(c.age_s)} old${history.length > 1 ? ` · ${sparkline(history.slice(-40).map((s) => s.used_percent))}` : ''}`,
        },
        h('span', { class: 'name' }, `${LABEL[c.window]}${c.model ? ` ${c.model}` : ''}`),
        h('span', { class: 'track' }, bar),
        h('span', { class: 'pct num' }, `${Math.round(c.used_percent)}%`),
        h(
          'span',
          { class: 'cost num', 'data-testid': 'limit-note' },
          [reset, forecastText(c, now)].filter(Boolean).join(' · ') + left,
        ),
      );
    }),
  );
}
