// GET /api/metrics/history: the time series; bad range/step answer 400 naming what is allowed.
import { Elysia } from 'elysia';
import { HistoryError, isHistoryRange } from '../../cache/history.ts';
import { whenWarm } from '../cold-start.ts';
import { BadRequestError } from '../errors.ts';
import { ErrorResponse } from '../../api/stats.ts';
import type { AppDeps } from '../types.ts';
import { HistoryQuery, HistoryResponse } from '../../api/history.ts';
import { HISTORY_RANGES } from '../../api/values.ts';

const RANGES = Object.keys(HISTORY_RANGES);

export const historyRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'history', prefix: '/api/metrics' }).get(
    '/history',
    async ({ query }) => {
      const range = query.range ?? '1h';
      if (!isHistoryRange(range))
        throw new BadRequestError(`invalid range '${range.slice(0, 40)}': use one of ${RANGES.join(', ')}`, {
          allowed: RANGES,
        });
      await whenWarm(deps.cache, deps.coldTimeoutMs);
      try {
        return deps.cache.history.answer(range, query.step);
      } catch (error) {
        if (error instanceof HistoryError) throw new BadRequestError(error.message);
        throw error;
      }
    },
    {
      query: HistoryQuery,
      response: { 200: HistoryResponse, 400: ErrorResponse, 503: ErrorResponse },
      detail: { tags: ['stats'], summary: 'Cost, tokens and messages over time (cumulative and per step)' },
    },
  );
