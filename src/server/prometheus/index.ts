// GET /metrics: Prometheus text exposition 0.0.4, rendered from the stats cache (no file I/O, no waiting on ingest).
import { Elysia, t } from 'elysia';
import { EXPOSITION_CONTENT_TYPE } from './exposition.ts';
import type { AppDeps } from '../types.ts';
import type { EventChannel } from '../events/types.ts';
import { renderMetrics } from './families.ts';
import type { HttpRequestCounter } from './http-requests.ts';

export const prometheusRoutes = (
  deps: AppDeps,
  sources: { readonly http: HttpRequestCounter; readonly events: EventChannel; readonly machine: string },
) =>
  new Elysia({ name: 'prometheus' }).get(
    '/metrics',
    () =>
      new Response(
        renderMetrics({
          cache: deps.cache,
          http: sources.http,
          eventSubscribers: sources.events.size,
          version: deps.version,
          machine: sources.machine,
          now: deps.clock.now(),
        }),
        { headers: { 'content-type': EXPOSITION_CONTENT_TYPE } },
      ),
    {
      response: {
        200: t.String({
          description: 'Prometheus text exposition format 0.0.4; usage series appear after the first ingest',
        }),
      },
      detail: {
        tags: ['metrics'],
        summary: 'Prometheus metrics: tokens, cost, requests per model and project; daemon health',
      },
    },
  );
