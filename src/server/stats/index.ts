// GET /api/stats: the latest tick's pre-serialized figures; no file I/O and no per-request JSON.stringify.
import { Elysia } from 'elysia';
import { whenWarm } from '../cold-start.ts';
import type { AppDeps } from '../types.ts';
import { ErrorResponse, StatsQuery, StatsResponse } from './model.ts';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export const statsRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'stats', prefix: '/api' }).get(
    '/stats',
    ({ query }): Response | Promise<Response> => {
      const range = query.time_range ?? 'all';
      // Synchronous on the hot path (no promise per request); only a cold start waits.
      const body = deps.cache.statsBody(range);
      if (body !== undefined) return new Response(body, { headers: JSON_HEADERS });
      return whenWarm(deps.cache, deps.coldTimeoutMs).then(() => new Response(deps.cache.statsBody(range), { headers: JSON_HEADERS }));
    },
    {
      query: StatsQuery,
      response: { 200: StatsResponse, 400: ErrorResponse, 503: ErrorResponse },
      detail: { tags: ['stats'], summary: 'Usage now: totals, per model, top projects, recent calls' },
    },
  );
