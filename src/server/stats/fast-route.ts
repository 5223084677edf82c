// The hot path of the whole daemon, GET /api/stats, as a Bun native route in front of the Elysia app.
// Elysia runs its request hooks (request guard, request counter, error mapping) around every request, which costs
// about as much as the answer itself; this route answers the requests whose outcome those hooks cannot change (no
// token or CORS configured, a query that is empty or one known time_range, figures warm) and hands every other
// request to the app unchanged, so each response is the one the app would give (tests/server/stats-fast-route.test.ts).
import { TIME_RANGES, type TimeRangeName } from '../../metrics/types.ts';
import type { HttpRequestCounter } from '../prometheus/http-requests.ts';
import type { AppDeps } from '../types.ts';
import type { StatsResponder } from './response.ts';

export const STATS_PATH = '/api/stats';
const RANGE_QUERIES = new Map<string, TimeRangeName>([['', 'all'], ...TIME_RANGES.map((r): [string, TimeRangeName] => [`time_range=${r}`, r])]);

type Fetch = (request: Request) => Response | Promise<Response>;

/** The time range a request asks for when its query is one the app would accept as is, else undefined. */
function plainRange(url: string): TimeRangeName | undefined {
  const q = url.indexOf('?');
  return RANGE_QUERIES.get(q === -1 ? '' : url.slice(q + 1));
}

/**
 * Bun `routes` for /api/stats, or none when access control is on (its hooks must see every request).
 * @param app the Elysia app's fetch: every request this route does not answer goes there.
 */
export function statsFastRoutes(deps: AppDeps, counter: HttpRequestCounter, responder: StatsResponder, app: () => Fetch): Record<string, { GET: Fetch; HEAD: Fetch }> {
  if (deps.access?.token !== undefined || deps.access?.corsOrigin !== undefined) return {};
  const answered = counter.counter(STATS_PATH, 200);
  const route = (respond: (range: TimeRangeName, body: string) => Response): Fetch => (request) => {
    const range = plainRange(request.url);
    const body = range === undefined ? undefined : deps.cache.statsBody(range);
    if (range === undefined || body === undefined) return app()(request);
    answered.count++;
    return respond(range, body);
  };
  // Bun writes a Blob's type as the content-type only when it sends the body: HEAD gets the header set explicitly.
  return { [STATS_PATH]: { GET: route((range, body) => responder.respondDirect(range, body)), HEAD: route((range, body) => responder.respond(range, body)) } };
}
