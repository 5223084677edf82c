// The values the HTTP API accepts and names (query enums, body keys): one list each, shared by the server, the
// ledger that computes them and every face that shows them. Imports nothing of cco.

/** Named periods of /api/stats, in the server's local time zone. */
export const TIME_RANGES = ['today', 'week', 'month', 'all'] as const;
export type TimeRangeName = (typeof TIME_RANGES)[number];

/** Ranges of /api/metrics/history and their spans, ms. */
export const HISTORY_RANGES = {
  '5m': 5 * 60_000,
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  all: Number.POSITIVE_INFINITY,
} as const;
export type HistoryRange = keyof typeof HISTORY_RANGES;
/** Most points one history answer has. */
export const MAX_POINTS = 1000;

/** Budgets a config file or flags can set. */
export const BUDGET_KEYS = [
  'daily_usd',
  'monthly_usd',
  'block_usd',
  'daily_tokens',
  'monthly_tokens',
  'block_tokens',
] as const;
export type BudgetKey = (typeof BUDGET_KEYS)[number];

export const REPORT_KINDS = ['daily', 'weekly', 'monthly', 'session', 'project'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const BREAKDOWNS = ['none', 'model', 'project'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const ORDERS = ['asc', 'desc'] as const;
export type Order = (typeof ORDERS)[number];

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Plan-limit windows: the 5-hour session, the weekly one, and a weekly cap on one model (`weekly_scoped`). */
export const LIMIT_WINDOWS = ['five_hour', 'seven_day', 'seven_day_model'] as const;
export type LimitWindow = (typeof LIMIT_WINDOWS)[number];

/** Where a plan-limit sample came from: a status-line payload's `rate_limits`, or `~/.claude.json`. */
export const LIMIT_SOURCES = ['statusline', 'claude.json'] as const;
export type LimitSource = (typeof LIMIT_SOURCES)[number];
