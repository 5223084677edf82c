// Hand-written daemon bodies for monitor tests: small, fixed numbers so each assertion names what it expects.
import type {
  HealthBody,
  HistoryBody,
  LimitCurrentBody,
  LimitsBody,
  StatsBody,
  TimeRangeName,
} from '../../src/tui/types.ts';

export function statsBody(range: TimeRangeName = 'today', scale = 1): StatsBody {
  return {
    project: { name: '-home-ada-src-cco', cost: 12.5 * scale, tokens: 1_200_000 * scale, calls: 40 * scale },
    time_range: range,
    totals: {
      input_tokens: 1_000 * scale,
      output_tokens: 20_000 * scale,
      cache_creation_tokens: 179_000 * scale,
      cache_read_tokens: 1_800_000 * scale,
      total_tokens: 2_000_000 * scale,
      cost: 1234.5678 * scale,
      messages: 120 * scale,
      requests_ok: 120 * scale,
      requests_failed: 3,
      avg_response_time: 2345,
    },
    models: [
      {
        model: 'claude-opus-4-1-20250805',
        cost: 1000 * scale,
        tokens: 500_000 * scale,
        messages: 20 * scale,
        percentage: 81,
      },
      {
        model: 'claude-sonnet-4-5-20250929',
        cost: 234.5678 * scale,
        tokens: 1_500_000 * scale,
        messages: 100 * scale,
        percentage: 19,
      },
    ],
    projects: [
      {
        name: '-home-ada-src-cco',
        path: '/home/ada/src/cco',
        cost: 1000 * scale,
        tokens: 1_000_000 * scale,
        messages: 60 * scale,
        percentage: 81,
      },
      {
        name: '-home-ada-src-infra',
        path: null,
        cost: 234.5678 * scale,
        tokens: 1_000_000 * scale,
        messages: 60 * scale,
        percentage: 19,
      },
    ],
    activity: {
      recent_calls: Array.from({ length: 20 }, (_, i) => ({
        time: new Date(Date.UTC(2026, 10, 28, 11, 59, 59 - i)).toISOString(),
        model: 'claude-sonnet-4-5-20250929',
        project: i % 2 ? '-home-ada-src-infra' : '-home-ada-src-cco',
        tokens: 10_000 + i,
        cost: 0.0123,
      })),
    },
    last_updated: '2026-11-28T12:00:00.000Z',
    stale_s: 0.4,
  };
}

export function healthBody(): HealthBody {
  return {
    status: 'ok',
    version: '9.9.9',
    pid: 4242,
    uptime_s: 3725,
    app_responsive: true,
    interval_s: 2,
    ready: true,
    last_tick: { at: '2026-11-28T12:00:00.000Z', duration_ms: 12.3, bytes_read: 2048 },
    failed_ticks: 0,
    files_tracked: 42,
    bytes_read: 1_000_000,
    lines_scanned: 5000,
    parse_errors: 0,
    invalid_lines: 0,
    invalid_timestamps: 0,
    future_lines: 0,
    skipped_files: 0,
    unpriced_models: [],
    store_error: null,
    remote_write: null,
  };
}

export function historyBody(): HistoryBody {
  const end = Date.UTC(2026, 10, 28, 12);
  let total = 0;
  return {
    range: '1h',
    step: '1m',
    source: 'snapshots',
    points: Array.from({ length: 60 }, (_, i) => {
      const cost = i % 10 === 0 ? 1 : 0;
      total += cost;
      return {
        timestamp: end - (59 - i) * 60_000,
        total_cost: total,
        total_tokens: total * 1000,
        messages_count: total,
        cost,
        tokens: cost * 1000,
        messages: cost,
      };
    }),
  };
}

const calibration: LimitCurrentBody['calibration'] = {
  usd_per_percent: null,
  usd_per_percent_error: null,
  tokens_per_percent: null,
  tokens_per_percent_error: null,
  remaining_usd: null,
  intervals: 0,
};

/** Three windows at `now` (epoch ms): the 5-hour one heading for 100 % before its reset, the weekly ones not. */
export function limitsBody(now: number): LimitsBody {
  const iso = (ms: number) => new Date(now + ms).toISOString();
  const hour = 3_600_000;
  const current: LimitCurrentBody[] = [
    {
      window: 'five_hour',
      model: null,
      used_percent: 82,
      resets_at: iso(2 * hour),
      source: 'statusline',
      observed_at: iso(-60_000),
      age_s: 60,
      expired: false,
      forecast: { rate_percent_per_hour: 12, reaches_limit_at: iso(1.5 * hour), limit_before_reset: true, samples: 6 },
      calibration,
    },
    {
      window: 'seven_day',
      model: null,
      used_percent: 40,
      resets_at: iso(3 * 24 * hour),
      source: 'statusline',
      observed_at: iso(-60_000),
      age_s: 60,
      expired: false,
      forecast: {
        rate_percent_per_hour: 0.5,
        reaches_limit_at: iso(120 * hour),
        limit_before_reset: false,
        samples: 6,
      },
      calibration,
    },
    {
      window: 'seven_day_model',
      model: 'Opus',
      used_percent: 97,
      resets_at: iso(3 * 24 * hour),
      source: 'claude.json',
      observed_at: iso(-2 * 24 * hour),
      age_s: 2 * 86_400,
      expired: false,
      forecast: { rate_percent_per_hour: null, reaches_limit_at: null, limit_before_reset: null, samples: 1 },
      calibration,
    },
  ];
  return { current, history: [], samples_total: 13 };
}
