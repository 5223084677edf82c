// The daemon's response bodies as TypeScript types, derived from the server's schemas (type-only: no Elysia at run time).
import type { Static } from 'elysia';
import type { BlocksResponse } from '../../server/blocks/model.ts';
import type { HealthResponse } from '../../server/health/model.ts';
import type { HistoryResponse } from '../../server/history/model.ts';
import type { PricingResponse } from '../../server/pricing/model.ts';
import type { StatsResponse } from '../../server/stats/model.ts';
import type { TimeRangeName } from '../../metrics/types.ts';

export type StatsBody = Static<typeof StatsResponse>;
export type HistoryBody = Static<typeof HistoryResponse>;
export type HealthBody = Static<typeof HealthResponse>;
export type BlocksBody = Static<typeof BlocksResponse>;
export type PricingBody = Static<typeof PricingResponse>;
export type { TimeRangeName };

/** Where a body came from: the daemon at a URL, or computed here from the logs. */
export type StatsSource = { readonly kind: 'daemon'; readonly url: string } | { readonly kind: 'logs'; readonly roots: readonly string[] };
