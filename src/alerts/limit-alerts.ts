// Plan-limit alerts: when a window's reported use reaches a threshold (80 % and 95 % of the 5-hour window, 90 % of
// the weekly ones by default), one alert per window, threshold and window instance, through the alert monitor.
import type { LimitWindow } from '../api/limits.ts';
import type { LimitStanding } from '../ledger/limit-forecast.ts';
import type { AlertMonitor } from './alert-monitor.ts';

/** Thresholds per window, %. */
export type LimitThresholds = Readonly<Record<LimitWindow, readonly number[]>>;

export const DEFAULT_LIMIT_THRESHOLDS: LimitThresholds = {
  five_hour: [80, 95],
  seven_day: [90],
  seven_day_model: [90],
};

const WINDOW_MS: Record<LimitWindow, number> = {
  five_hour: 5 * 3_600_000,
  seven_day: 7 * 86_400_000,
  seven_day_model: 7 * 86_400_000,
};

/** Raises the alerts the standings call for (a figure of a window that has reset since raises none). */
export function checkLimitAlerts(
  monitor: AlertMonitor,
  standings: readonly LimitStanding[],
  now: number,
  thresholds: LimitThresholds = DEFAULT_LIMIT_THRESHOLDS,
): number {
  let raised = 0;
  for (const { latest, expired } of standings) {
    if (expired) continue;
    for (const threshold of thresholds[latest.window]) {
      if (latest.usedPercent < threshold) continue;
      // The window instance: its reset time, to the minute (unknown: the hour the figure was seen in).
      const reset = latest.resetsAt ?? Math.floor(latest.observedAt / 3_600_000) * 3_600_000;
      const resetIso = new Date(Math.round(reset / 60_000) * 60_000).toISOString();
      const model = latest.model ? `:${latest.model}` : '';
      const ok = monitor.raise({
        id: `${latest.window}_percent${model}:${threshold}:${resetIso}`,
        budget: `${latest.window}_percent`,
        period: latest.window,
        unit: 'percent',
        limit: threshold,
        value: latest.usedPercent,
        period_start: new Date(reset - WINDOW_MS[latest.window]).toISOString(),
        period_end: new Date(reset).toISOString(),
        triggered_at: new Date(now).toISOString(),
      });
      if (ok) raised++;
    }
  }
  return raised;
}
