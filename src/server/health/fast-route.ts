// GET /api/health as a Bun native route of the HTTP front worker (server/front/): probes poll it, and during a cold
// ingest the app's thread shares two cores with the parse workers, so the front answers it from the state relayed
// after every tick (tests/server/front.test.ts holds it to the app's answer). A request with a query goes to the app.
import type { Fetch } from '../stats/fast-route.ts';
import { JSON_HEADERS } from '../security-headers.ts';
import { HEALTH_PATH } from './body.ts';

export interface FastHealth {
  /**
   * The body as of now and whether the app's thread ran recently (when not, the answer is a 503 whose body says
   * `unresponsive`), or undefined while there is none (the request then goes to the fallback).
   */
  body(): { readonly text: string; readonly responsive: boolean } | undefined;
  /** Called once per request answered here. */
  answered(): void;
}

/** Bun `routes` for /api/health (only where the front may answer: no token or CORS configured). */
export function healthFastRoutes(
  health: FastHealth,
  fallback: () => Fetch,
): Record<string, { GET: Fetch; HEAD: Fetch }> {
  const route: Fetch = (request) => {
    const body = request.url.includes('?') ? undefined : health.body();
    if (body === undefined) return fallback()(request);
    health.answered();
    return new Response(body.text, { status: body.responsive ? 200 : 503, headers: JSON_HEADERS });
  };
  return { [HEALTH_PATH]: { GET: route, HEAD: route } };
}
