// GET /api/limits: the plan limits Claude Code reported (5-hour, weekly, per-model weekly), their history, the
// forecast at the current burn rate and the calibration against local spend; and GET /api/statusline (statusline.ts).
import { Elysia } from 'elysia';
import { LimitsQuery, LimitsResponse } from '../../api/limits.ts';
import { ErrorResponse } from '../../api/stats.ts';
import { HISTORY_RANGES, type HistoryRange } from '../../api/values.ts';
import { BadRequestError } from '../errors.ts';
import type { AppDeps } from '../types.ts';
import { sampleBody, standingBody } from './body.ts';
import { statuslineRoutes } from './statusline.ts';

const RANGES = Object.keys(HISTORY_RANGES);
const isRange = (v: string): v is HistoryRange => v in HISTORY_RANGES;

export const limitsRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'limits', prefix: '/api' })
    .get(
      '/limits',
      ({ query }) => {
        const range = query.range ?? '7d';
        if (!isRange(range))
          throw new BadRequestError(`invalid range '${range.slice(0, 40)}': use one of ${RANGES.join(', ')}`, {
            allowed: RANGES,
          });
        const now = deps.clock.now();
        const { cache } = deps;
        return {
          current: cache.limits.standings(now, cache.spendBetween, cache.version).map((s) => standingBody(s, now)),
          history: cache.limits.since(now - HISTORY_RANGES[range]).map(sampleBody),
          samples_total: cache.limits.size,
        };
      },
      {
        query: LimitsQuery,
        response: { 200: LimitsResponse, 400: ErrorResponse },
        detail: {
          tags: ['limits'],
          summary: 'Plan limits (5-hour, weekly, per model): current %, resets, history, forecast and calibration',
        },
      },
    )
    .use(statuslineRoutes(deps));
