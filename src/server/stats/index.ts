// GET /api/stats: the latest tick's pre-serialized figures; no file I/O and no per-request JSON.stringify.
// On a daemon most of these requests are answered by the HTTP front worker before they reach the app (fast-route.ts).
import { Elysia } from 'elysia';
import { whenWarm } from '../cold-start.ts';
import type { AppDeps } from '../types.ts';
import { ErrorResponse, StatsQuery, StatsResponse } from '../../api/stats.ts';
import { StatsResponder } from './response.ts';

export function statsRoutes(deps: AppDeps) {
  const responder = new StatsResponder();
  return new Elysia({ name: 'stats', prefix: '/api' }).get(
    '/stats',
    ({ query }): Response | Promise<Response> => {
      const range = query.time_range ?? 'all';
      // Synchronous on the hot path (no promise per request); only a cold start waits.
      const body = deps.cache.statsBody(range);
      if (body !== undefined) return responder.respond(range, body);
      return whenWarm(deps.cache, deps.coldTimeoutMs).then(() =>
        responder.respond(range, deps.cache.statsBody(range) ?? ''),
      );
    },
    {
      query: StatsQuery,
      response: { 200: StatsResponse, 400: ErrorResponse, 503: ErrorResponse },
      detail: { tags: ['stats'], summary: 'Usage now: totals, per model, top projects, recent calls' },
    },
  );
}
