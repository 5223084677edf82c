// GET /api/events: live Server-Sent Events (a snapshot per tick, a call per new response) from the app's EventHub.
import { Elysia } from 'elysia';
import type { AppDeps } from '../types.ts';
import type { EventHub } from './event-hub.ts';
import { greeting } from './frames.ts';
import { EventStream } from './model.ts';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // Proxies such as nginx would otherwise buffer the stream.
  'x-accel-buffering': 'no',
};

export const eventsRoutes = (deps: AppDeps, hub: EventHub) =>
  new Elysia({ name: 'events', prefix: '/api' }).get(
    '/events',
    ({ request }) => new Response(hub.open(request.signal, greeting(deps.cache.snapshots.latest())), { headers: SSE_HEADERS }),
    {
      response: { 200: EventStream },
      detail: { tags: ['events'], summary: 'Live usage: a snapshot event per tick and a call event per new API response (SSE)' },
    },
  );
