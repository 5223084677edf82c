// The API's JSON as the page reads it, derived from the server's own schemas (type-only: nothing of them is bundled).
import type { Static } from 'elysia';
import type { AlertsResponse } from '../api/alerts.ts';
import type { BlocksResponse } from '../api/blocks.ts';
import type { HealthResponse } from '../api/health.ts';
import type { HistoryResponse } from '../api/history.ts';
import type { StatsResponse } from '../api/stats.ts';
import type { HistoryRange, TimeRangeName } from '../api/values.ts';

export type Stats = Static<typeof StatsResponse>;
export type History = Static<typeof HistoryResponse>;
export type HistoryPoint = History['points'][number];
export type Health = Static<typeof HealthResponse>;
export type Blocks = Static<typeof BlocksResponse>;
export type Block = Blocks['blocks'][number];
export type Alerts = Static<typeof AlertsResponse>;

export type StatsRange = TimeRangeName;
export const STATS_RANGES = ['today', 'week', 'month', 'all'] as const satisfies readonly StatsRange[];

export type ChartRange = Exclude<HistoryRange, 'all'>;
export const CHART_RANGES = ['5m', '15m', '1h', '6h', '24h', '7d', '30d'] as const satisfies readonly ChartRange[];
