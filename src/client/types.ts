// The daemon's response bodies as TypeScript types, derived from the route schemas (type-only: no Elysia at run time),
// for the CLI, the monitor and the dashboard alike.
import type { Static } from 'elysia';
import type { BlocksResponse } from '../api/blocks.ts';
import type { HealthResponse } from '../api/health.ts';
import type { HistoryResponse } from '../api/history.ts';
import type { PricingResponse } from '../api/pricing.ts';
import type { StatsResponse } from '../api/stats.ts';
import type { AlertsResponse } from '../api/alerts.ts';
import type { ReportResponse } from '../api/reports.ts';
import type { TimeRangeName } from '../api/values.ts';
import type { LimitsResponse, StatuslineResponse } from '../api/limits.ts';

export type StatsBody = Static<typeof StatsResponse>;
export type HistoryBody = Static<typeof HistoryResponse>;
export type HistoryPoint = HistoryBody['points'][number];
export type HealthBody = Static<typeof HealthResponse>;
export type BlocksBody = Static<typeof BlocksResponse>;
export type Block = BlocksBody['blocks'][number];
export type AlertsBody = Static<typeof AlertsResponse>;
export type PricingBody = Static<typeof PricingResponse>;
export type LimitsBody = Static<typeof LimitsResponse>;
export type LimitCurrentBody = LimitsBody['current'][number];
export type StatuslineBody = Static<typeof StatuslineResponse>;
export type { TimeRangeName };

/** Where a body came from: the daemon at a URL, or computed here from the logs. */
export type StatsSource =
  | { readonly kind: 'daemon'; readonly url: string }
  | { readonly kind: 'logs'; readonly roots: readonly string[] };
export type ReportBody = Static<typeof ReportResponse>;
export type PeriodReportRow = NonNullable<ReportBody['daily']>[number];
export type SessionReportRow = NonNullable<ReportBody['sessions']>[number];
