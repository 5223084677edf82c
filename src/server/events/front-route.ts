// GET /api/events as a route of the HTTP front worker (server/front/). The front holds the streams, so an event client
// never occupies one of the proxy's fetch slots (Bun's fetch runs at most 256 at once per process, and a proxied stream
// would hold one for as long as it is open). Each request is first handed to the app, whose hooks (access, request
// guard) decide as for any route; on its 204 the front opens a stream from its own hub, with the app's headers.
import type { Fetch } from '../stats/fast-route.ts';
import type { EventHub } from './event-hub.ts';
import { SSE_HEADERS } from './frames.ts';
import { EVENTS_PATH, EVENTS_RETRY_AFTER_S, tooManyStreamsBody } from './types.ts';
import { JSON_TYPE } from '../security-headers.ts';

export interface FrontStreams {
  readonly hub: EventHub;
  /** What a new client gets first: the reconnect delay and the latest snapshot. */
  greeting(): string;
}

/** Headers of the app's verdict that describe that answer, not the stream. */
const OWN_HEADERS = new Set([
  'content-length',
  'content-type',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

function tooMany(headers: Headers, max: number): Response {
  headers.set('content-type', JSON_TYPE);
  headers.set('retry-after', String(EVENTS_RETRY_AFTER_S));
  return new Response(JSON.stringify(tooManyStreamsBody(max)), { status: 503, headers });
}

/** Bun `routes` for /api/events; `app` is the proxy to the app, asked to vouch for each request. */
export function eventsFrontRoutes(
  streams: FrontStreams,
  app: () => Fetch,
): Record<string, { GET: Fetch; HEAD: Fetch }> {
  const route: Fetch = async (request) => {
    const verdict = await app()(request);
    if (verdict.status !== 204) return verdict;
    const headers = new Headers();
    verdict.headers.forEach((value, name) => {
      if (!OWN_HEADERS.has(name)) headers.set(name, value);
    });
    const { hub } = streams;
    if (hub.isFull) return tooMany(headers, hub.maxSubscribers);
    for (const [name, value] of Object.entries(SSE_HEADERS)) headers.set(name, value);
    if (request.method === 'HEAD') return new Response(null, { headers });
    const stream = hub.open(request.signal, streams.greeting());
    return stream ? new Response(stream, { headers }) : tooMany(headers, hub.maxSubscribers);
  };
  return { [EVENTS_PATH]: { GET: route, HEAD: route } };
}
