// Schemas of GET /api/limits (the plan limits Claude Code reported: current figures, history, forecast, calibration)
// and GET /api/statusline (one answer per status-line refresh). Imports nothing of cco but the value lists.
import { t } from 'elysia';
import { HISTORY_RANGES, LIMIT_SOURCES, LIMIT_WINDOWS } from './values.ts';

export { LIMIT_SOURCES, LIMIT_WINDOWS, type LimitSource, type LimitWindow } from './values.ts';

/** The `budget` of a plan-limit alert (its `period` is the window, its `unit` percent). */
export const LIMIT_ALERT_KEYS = ['five_hour_percent', 'seven_day_percent', 'seven_day_model_percent'] as const;
export type LimitAlertKey = (typeof LIMIT_ALERT_KEYS)[number];

const DateTime = (description: string) => t.String({ format: 'date-time', description });
const Nullable = <T extends Parameters<typeof t.Union>[0][number]>(schema: T, description: string) =>
  t.Union([schema, t.Null()], { description });

export const LimitForecast = t.Object({
  rate_percent_per_hour: Nullable(t.Number(), 'the burn rate: least-squares slope of the recent samples, %/h'),
  reaches_limit_at: Nullable(
    t.String({ format: 'date-time' }),
    'when 100 % is reached at that rate; null when the rate is 0 or unknown',
  ),
  limit_before_reset: Nullable(t.Boolean(), 'true when the limit is reached before the window resets'),
  samples: t.Integer({ description: 'samples the rate is fitted to' }),
});

export const LimitCalibration = t.Object({
  usd_per_percent: Nullable(t.Number(), "local spend (this machine's logs) per 1 % of the window, USD"),
  usd_per_percent_error: Nullable(t.Number(), 'standard error of usd_per_percent, USD'),
  tokens_per_percent: Nullable(t.Number(), 'local tokens (all kinds) per 1 % of the window'),
  tokens_per_percent_error: Nullable(t.Number(), 'standard error of tokens_per_percent'),
  remaining_usd: Nullable(t.Number(), 'what the rest of the window is worth at that rate, USD'),
  intervals: t.Integer({ description: 'rises of the percentage the figures are measured over' }),
});

export const LimitCurrent = t.Object({
  window: t.UnionEnum([...LIMIT_WINDOWS]),
  model: Nullable(t.String(), 'the model a per-model weekly cap applies to'),
  used_percent: t.Number({ description: 'as last reported, 0–100' }),
  resets_at: Nullable(t.String({ format: 'date-time' }), 'when the window resets, as reported'),
  source: t.UnionEnum([...LIMIT_SOURCES]),
  observed_at: DateTime('when the figure was true (claude.json: when Claude Code fetched it)'),
  age_s: t.Number({ description: 'seconds since observed_at' }),
  expired: t.Boolean({
    description: 'the window has reset since the figure was reported (the figure is of a past window)',
  }),
  forecast: LimitForecast,
  calibration: LimitCalibration,
});

export const LimitSampleBody = t.Object({
  window: t.UnionEnum([...LIMIT_WINDOWS]),
  model: t.Union([t.String(), t.Null()]),
  used_percent: t.Number(),
  resets_at: t.Union([t.String({ format: 'date-time' }), t.Null()]),
  observed_at: t.String({ format: 'date-time' }),
  session: t.Union([t.String(), t.Null()]),
  source: t.UnionEnum([...LIMIT_SOURCES]),
});

const RANGES = Object.keys(HISTORY_RANGES);

export const LimitsQuery = t.Object({
  range: t.Optional(
    t.String({ default: '7d', description: `history span: one of ${RANGES.join(', ')} (all: every sample kept)` }),
  ),
});

export const LimitsResponse = t.Object({
  current: t.Array(LimitCurrent, { description: 'one entry per window (and model), latest figure first by window' }),
  history: t.Array(LimitSampleBody, { description: 'every sample in the range, oldest first' }),
  samples_total: t.Integer({ description: 'samples kept (all time)' }),
});

export const StatuslineQuery = t.Object({
  session_id: t.Optional(t.String({ maxLength: 200, description: "the payload's session_id" })),
  transcript_path: t.Optional(
    t.String({
      maxLength: 4096,
      description:
        "the payload's transcript_path; read (new bytes only) when the daemon has not counted the session yet",
    }),
  ),
});

const Usd = (description: string) => t.Number({ description: `${description}, USD` });

export const StatuslineResponse = t.Object({
  session: t.Union([
    t.Object({
      id: t.String(),
      cost: Usd('the session with its subagent files'),
      tokens: t.Integer(),
      cache_read_share: t.Number({ description: 'cache reads / all input tokens, 0–1' }),
      source: t.UnionEnum(['daemon', 'transcript'], {
        description: 'daemon: as counted by its ticks; transcript: read from transcript_path for this answer',
      }),
    }),
    t.Null(),
  ]),
  today: t.Object({ cost: Usd("today's spend (local day)"), tokens: t.Integer() }),
  block: Nullable(
    t.Object({
      cost: Usd('the active 5-hour block'),
      ends_at: t.String({ format: 'date-time' }),
      remaining_minutes: t.Integer(),
      burn_rate_usd_per_hour: Nullable(t.Number(), "the block's burn rate"),
    }),
    'null when no block is active',
  ),
  limits: t.Array(LimitCurrent),
});
