// The JSON of plan-limit standings and samples, shared by /api/limits and /api/statusline.
import type { Static } from 'elysia';
import type { LimitCurrent, LimitSampleBody } from '../../api/limits.ts';
import type { LimitStanding } from '../../ledger/limit-forecast.ts';
import type { LimitSample } from '../../ledger/limit-samples.ts';

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
const round = (v: number | undefined, digits = 4): number | null =>
  v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits;

export function standingBody(s: LimitStanding, now: number): Static<typeof LimitCurrent> {
  const { latest, forecast: f, calibration: c } = s;
  return {
    window: latest.window,
    model: latest.model ?? null,
    used_percent: latest.usedPercent,
    resets_at: iso(latest.resetsAt),
    source: latest.source,
    observed_at: new Date(latest.observedAt).toISOString(),
    age_s: Math.max(0, Math.round((now - latest.observedAt) / 1000)),
    expired: s.expired,
    forecast: {
      rate_percent_per_hour: round(f.ratePerHour),
      reaches_limit_at: iso(f.reachesLimitAt),
      limit_before_reset: f.limitBeforeReset ?? null,
      samples: f.samples,
    },
    calibration: {
      usd_per_percent: round(c.usdPerPercent, 6),
      usd_per_percent_error: round(c.usdPerPercentError, 6),
      tokens_per_percent: round(c.tokensPerPercent, 1),
      tokens_per_percent_error: round(c.tokensPerPercentError, 1),
      remaining_usd: round(c.remainingUsd, 6),
      intervals: c.intervals,
    },
  };
}

export const sampleBody = (s: LimitSample): Static<typeof LimitSampleBody> => ({
  window: s.window,
  model: s.model ?? null,
  used_percent: s.usedPercent,
  resets_at: iso(s.resetsAt),
  observed_at: new Date(s.observedAt).toISOString(),
  session: s.session ?? null,
  source: s.source,
});
