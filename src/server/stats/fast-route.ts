// The hot path of the whole daemon, GET /api/stats, as a Bun native route of the HTTP front worker (server/front/).
// Elysia runs its request hooks (request guard, request counter, error mapping) around every request, which costs
// about as much as the answer itself; this route answers the requests whose outcome those hooks cannot change (no
// token or CORS configured, a query that is empty or one known time_range, figures warm) and hands every other
// request to the app unchanged, so each response is the one the app would give (tests/server/stats-fast-route.test.ts).
import type { AccessConfig } from '../types.ts';
import type { StatsResponder } from './response.ts';
import { TIME_RANGES, type TimeRangeName } from '../../api/values.ts';

export const STATS_PATH = '/api/stats';
const RANGE_QUERIES = new Map<string, TimeRangeName>([
  ['', 'all'],
  ...TIME_RANGES.map((r): [string, TimeRangeName] => [`time_range=${r}`, r]),
]);

export type Fetch = (request: Request) => Response | Promise<Response>;

/** The time range a request asks for when its query is one the app would accept as is, else undefined. */
function plainRange(url: string): TimeRangeName | undefined {
  const q = url.indexOf('?');
  return RANGE_QUERIES.get(q === -1 ? '' : url.slice(q + 1));
}

/** Whether the fast path may answer: with a token or CORS configured, the app's hooks must see every request. */
export const fastPathAllowed = (access: AccessConfig | undefined): boolean =>
  access?.token === undefined && access?.corsOrigin === undefined;

/** Where the fast path gets its figures and reports what it answered. */
export interface FastStats {
  /** The body for a range, or undefined while there is none (the request then goes to the fallback). */
  body(range: TimeRangeName): string | undefined;
  /** Called once per request answered here. */
  answered(): void;
}

/**
 * Bun `routes` for /api/stats (use them only where `fastPathAllowed`).
 * @param fallback the app's fetch: every request this route does not answer goes there.
 */
export function statsFastRoutes(
  stats: FastStats,
  responder: StatsResponder,
  fallback: () => Fetch,
): Record<string, { GET: Fetch; HEAD: Fetch }> {
  const route =
    (respond: (range: TimeRangeName, body: string) => Response): Fetch =>
    (request) => {
      const range = plainRange(request.url);
      const body = range === undefined ? undefined : stats.body(range);
      if (range === undefined || body === undefined) return fallback()(request);
      stats.answered();
      return respond(range, body);
    };
  // Bun writes a Blob's type as the content-type only when it sends the body: HEAD gets the header set explicitly.
  return {
    [STATS_PATH]: {
      GET: route((range, body) => responder.respondDirect(range, body)),
      HEAD: route((range, body) => responder.respond(range, body)),
    },
  };
}
