// The plan-limit gauges (each window's latest figure: 5-hour, weekly, weekly per model), one definition for GET /metrics
// and for remote write. A figure whose window has reset since it was true is left out: it no longer says anything.
import type { LimitSample } from './limit-samples.ts';
import type { MetricFamily, MetricLabels } from './usage-metrics.ts';

export const LIMIT_USED_METRIC = 'cco_plan_limit_used_percent';
export const LIMIT_RESET_METRIC = 'cco_plan_limit_reset_timestamp_seconds';
export const LIMIT_OBSERVED_METRIC = 'cco_plan_limit_observed_timestamp_seconds';

/** The latest sample of each window (and model), in the order given; later samples of a window win ties. */
export function latestLimits(samples: Iterable<LimitSample>): LimitSample[] {
  const latest = new Map<string, LimitSample>();
  for (const s of samples) {
    const key = `${s.window}|${s.model ?? ''}`;
    const seen = latest.get(key);
    if (!seen || seen.observedAt <= s.observedAt) latest.set(key, s);
  }
  return [...latest.values()];
}

/** The gauges of the figures still current at `now` (epoch ms): used %, reset time and observation time (Unix s). */
export function limitFamilies(samples: Iterable<LimitSample>, now: number): MetricFamily[] {
  const current = latestLimits(samples).filter((s) => s.resetsAt === undefined || s.resetsAt > now);
  const labels = (s: LimitSample): MetricLabels =>
    s.model === undefined ? { window: s.window } : { window: s.window, model: s.model };
  return [
    {
      name: LIMIT_USED_METRIC,
      help: 'Plan-limit use as Claude Code last reported it, percent, by window (five_hour, seven_day, seven_day_model) and model (per-model weekly cap).',
      samples: current.map((s) => [labels(s), s.usedPercent] as const),
    },
    {
      name: LIMIT_RESET_METRIC,
      help: 'When the plan-limit window resets, Unix time.',
      samples: current.flatMap((s) => (s.resetsAt === undefined ? [] : [[labels(s), s.resetsAt / 1000] as const])),
    },
    {
      name: LIMIT_OBSERVED_METRIC,
      help: 'When the plan-limit figure was true, Unix time (a figure from ~/.claude.json can be days old).',
      samples: current.map((s) => [labels(s), s.observedAt / 1000] as const),
    },
  ];
}
