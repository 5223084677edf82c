// The dashboard's own choices over the API's values: the history ranges its chart offers (all but `all`).
import type { HistoryRange } from '../api/values.ts';

export type ChartRange = Exclude<HistoryRange, 'all'>;
export const CHART_RANGES = ['5m', '15m', '1h', '6h', '24h', '7d', '30d'] as const satisfies readonly ChartRange[];
