// The API's JSON as the page reads it, derived from the server's own schemas (type-only: nothing of them is bundled).
import type { Static } from 'elysia';
import type { HistoryRange } from '../metrics/history.ts';
import type { TimeRangeName } from '../metrics/types.ts';
import type { AlertsResponse } from '../server/alerts/model.ts';
import type { BlocksResponse } from '../server/blocks/model.ts';
import type { HealthResponse } from '../server/health/model.ts';
import type { HistoryResponse } from '../server/history/model.ts';
import type { StatsResponse } from '../server/stats/model.ts';

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
