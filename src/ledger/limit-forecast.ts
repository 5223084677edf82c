// What the plan-limit samples say now: each window's latest figure, a forecast at the current burn rate (when 100 %
// is reached versus when the window resets) and a calibration against local spend (USD and tokens per 1 %).
import type { LimitSample, LimitWindow } from './limit-samples.ts';

/** Local spend between two instants (this machine's logs): USD and tokens of all kinds. */
export type SpendBetween = (from: number, to: number) => { readonly cost: number; readonly tokens: number };

export interface LimitForecastView {
  /** %/h; undefined when fewer than two recent samples of the current window span a minute. */
  readonly ratePerHour: number | undefined;
  /** Epoch ms. */
  readonly reachesLimitAt: number | undefined;
  readonly limitBeforeReset: boolean | undefined;
  readonly samples: number;
}

export interface LimitCalibrationView {
  readonly usdPerPercent: number | undefined;
  readonly usdPerPercentError: number | undefined;
  readonly tokensPerPercent: number | undefined;
  readonly tokensPerPercentError: number | undefined;
  readonly remainingUsd: number | undefined;
  readonly intervals: number;
}

export interface LimitStanding {
  readonly latest: LimitSample;
  /** The window reset after the latest figure was true. */
  readonly expired: boolean;
  readonly forecast: LimitForecastView;
  readonly calibration: LimitCalibrationView;
}

/** How far back the burn rate looks, ms: the last hour of a 5-hour window, the last day of a weekly one. */
export const RATE_LOOKBACK_MS: Record<LimitWindow, number> = {
  five_hour: 3_600_000,
  seven_day: 86_400_000,
  seven_day_model: 86_400_000,
};

const HOUR_MS = 3_600_000;

/** Samples of one window instance share its reset time (reported to the second; jitter under a minute is the same). */
const sameWindow = (a: LimitSample, b: LimitSample): boolean =>
  a.resetsAt !== undefined && b.resetsAt !== undefined && Math.abs(a.resetsAt - b.resetsAt) < 60_000;

/** Least-squares slope of used % over time, %/h; undefined for fewer than 2 points or under a minute of spread. */
export function slopePerHour(points: readonly LimitSample[]): number | undefined {
  if (points.length < 2) return undefined;
  const t0 = points[0]?.observedAt ?? 0;
  const xs = points.map((p) => (p.observedAt - t0) / HOUR_MS);
  const ys = points.map((p) => p.usedPercent);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - my);
  }
  if (sxx === 0 || Math.max(...xs) - Math.min(...xs) < 1 / 60) return undefined;
  return sxy / sxx;
}

function forecastOf(series: readonly LimitSample[], latest: LimitSample, now: number): LimitForecastView {
  const since = now - RATE_LOOKBACK_MS[latest.window];
  const recent = series.filter((s) => sameWindow(s, latest) && s.observedAt >= since);
  const slope = slopePerHour(recent);
  const ratePerHour = slope === undefined ? undefined : Math.max(0, slope);
  const reachesLimitAt =
    ratePerHour !== undefined && ratePerHour > 0
      ? Math.round(latest.observedAt + ((100 - latest.usedPercent) / ratePerHour) * HOUR_MS)
      : undefined;
  const limitBeforeReset =
    reachesLimitAt === undefined
      ? ratePerHour === 0
        ? false
        : undefined
      : latest.resetsAt === undefined
        ? undefined
        : reachesLimitAt < latest.resetsAt;
  return { ratePerHour, reachesLimitAt, limitBeforeReset, samples: recent.length };
}

/**
 * USD and tokens per 1 %: each rise of the percentage within one window instance is an interval; its local spend over
 * its rise is one estimate, weighted by the rise. Ratio estimate Σspend / Σrise, with the weighted standard error.
 */
export function calibrationOf(
  series: readonly LimitSample[],
  spend: SpendBetween,
  usedPercent: number,
): LimitCalibrationView {
  const rises: { rise: number; cost: number; tokens: number }[] = [];
  let anchor: LimitSample | undefined;
  for (const s of series) {
    if (!anchor || !sameWindow(anchor, s) || s.usedPercent < anchor.usedPercent) {
      anchor = s;
      continue;
    }
    if (s.usedPercent === anchor.usedPercent) continue;
    const spent = spend(anchor.observedAt, s.observedAt);
    rises.push({ rise: s.usedPercent - anchor.usedPercent, cost: spent.cost, tokens: spent.tokens });
    anchor = s;
  }
  const total = rises.reduce((a, r) => a + r.rise, 0);
  const ratio = (pick: (r: (typeof rises)[number]) => number) => {
    if (rises.length === 0 || total === 0) return { value: undefined, error: undefined };
    const value = rises.reduce((a, r) => a + pick(r), 0) / total;
    if (rises.length < 2) return { value, error: undefined };
    const variance = rises.reduce((a, r) => a + r.rise * (pick(r) / r.rise - value) ** 2, 0) / total;
    return { value, error: Math.sqrt(variance / (rises.length - 1)) };
  };
  const usd = ratio((r) => r.cost);
  const tokens = ratio((r) => r.tokens);
  return {
    usdPerPercent: usd.value,
    usdPerPercentError: usd.error,
    tokensPerPercent: tokens.value,
    tokensPerPercentError: tokens.error,
    remainingUsd: usd.value === undefined ? undefined : Math.max(0, 100 - usedPercent) * usd.value,
    intervals: rises.length,
  };
}

/** Samples (any order) grouped by window and model, each series oldest first. */
export function seriesOf(samples: readonly LimitSample[]): Map<string, LimitSample[]> {
  const groups = new Map<string, LimitSample[]>();
  for (const s of samples) {
    const key = `${s.window}|${s.model ?? ''}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(s);
  }
  for (const list of groups.values()) list.sort((a, b) => a.observedAt - b.observedAt);
  return groups;
}

const ORDER: Record<LimitWindow, number> = { five_hour: 0, seven_day: 1, seven_day_model: 2 };

/** Every window's standing at `now` (epoch ms): five_hour, seven_day, then the per-model caps by name. */
export function limitStandings(samples: readonly LimitSample[], spend: SpendBetween, now: number): LimitStanding[] {
  const out: LimitStanding[] = [];
  for (const series of seriesOf(samples).values()) {
    const latest = series.at(-1);
    if (!latest) continue;
    const calibrationSeries = latest.window === 'seven_day_model' ? [] : series;
    out.push({
      latest,
      expired: latest.resetsAt !== undefined && latest.resetsAt <= now,
      forecast: forecastOf(series, latest, now),
      calibration: calibrationOf(calibrationSeries, spend, latest.usedPercent),
    });
  }
  return out.sort(
    (a, b) =>
      ORDER[a.latest.window] - ORDER[b.latest.window] || (a.latest.model ?? '').localeCompare(b.latest.model ?? ''),
  );
}
