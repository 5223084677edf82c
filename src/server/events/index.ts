// GET /api/events: live Server-Sent Events (a snapshot per tick, a call per new response). A daemon's HTTP front
// serves the streams itself (so none holds a connection to this app); there the app only vouches for each request,
// after its access and request checks, with a 204. Standalone, the app streams from its own EventHub.
import { Elysia } from 'elysia';
import { HttpError } from '../errors.ts';
import { ErrorResponse } from '../../api/stats.ts';
import type { AppDeps } from '../types.ts';
import { EventHub } from './event-hub.ts';
import { greeting, SSE_HEADERS } from './frames.ts';
import { EventStream } from '../../api/events.ts';
import { EVENTS_RETRY_AFTER_S, tooManyStreamsBody, type EventChannel } from './types.ts';

export class TooManyStreamsError extends HttpError {
  constructor(max: number) {
    const { error, message } = tooManyStreamsBody(max);
    super(503, error, message, undefined, { 'retry-after': String(EVENTS_RETRY_AFTER_S) });
  }
}

export const eventsRoutes = (deps: AppDeps, channel: EventChannel) =>
  new Elysia({ name: 'events', prefix: '/api' }).get(
    '/events',
    ({ request }) => {
      if (!(channel instanceof EventHub)) return new Response(null, { status: 204 });
      const stream = channel.open(request.signal, greeting(deps.cache.snapshots.latest()));
      if (!stream) throw new TooManyStreamsError(channel.maxSubscribers);
      return new Response(stream, { headers: SSE_HEADERS });
    },
    {
      response: { 200: EventStream, 503: ErrorResponse },
      detail: {
        tags: ['events'],
        summary:
          'Live usage: a snapshot event per tick and a call event per new API response (SSE); 503 with Retry-After over the subscriber cap',
      },
    },
  );
