// createApp(deps): the whole HTTP surface as one Elysia app, built from feature plugins.
import { Elysia } from 'elysia';
import { hostname } from 'node:os';
import { AlertMonitor } from '../alerts/alert-monitor.ts';
import { alertsRoutes } from './alerts/index.ts';
import { accessControl } from './auth/index.ts';
import { blocksRoutes } from './blocks/index.ts';
import { dashboardRoutes } from './dashboard/index.ts';
import { docsRoutes } from './docs/index.ts';
import { errorHandler } from './errors.ts';
import { EventHub } from './events/event-hub.ts';
import { alertFrame, tickFrames } from './events/frames.ts';
import { eventsRoutes } from './events/index.ts';
import { healthRoutes } from './health/index.ts';
import { historyRoutes } from './history/index.ts';
import { pricingRoutes } from './pricing/index.ts';
import { prometheusRoutes } from './prometheus/index.ts';
import { HttpRequestCounter, httpRequestMetrics } from './prometheus/http-requests.ts';
import { MAX_BODY_BYTES, requestGuard } from './request-guard.ts';
import { NOSNIFF } from './security-headers.ts';
import { statsRoutes } from './stats/index.ts';
import { reportsRoutes } from './reports/index.ts';
import { limitsRoutes } from './limits/index.ts';
import type { AppDeps } from './types.ts';

export function createApp(deps: AppDeps) {
  const http = deps.httpRequests ?? new HttpRequestCounter();
  const events = deps.events ?? new EventHub({ heartbeatMs: 15_000 });
  deps.cache.onTick((result, snapshot) => events.publish(() => tickFrames(result, snapshot)));
  const alerts = deps.alerts ?? new AlertMonitor({});
  alerts.onAlert((alert) => events.publish(() => alertFrame(alert)));
  deps.cache.onTick((result) =>
    alerts.check(result.spend, deps.cache.blocks.active(result.startedAt), result.startedAt),
  );
  // Hooks run in order: access (Host, CORS preflight, token) before the request guard, so an unauthenticated caller learns nothing.
  // development: false whatever NODE_ENV says (Elysia turns Bun's development mode on unless it is 'production'):
  // Bun's development error page would show a stack trace for an error that escaped the app's own handler.
  // `headers`: Elysia's default headers, on every response it sends (errors and 404s included).
  const app = new Elysia({ name: 'cco', serve: { development: false, maxRequestBodySize: MAX_BODY_BYTES } })
    .headers(NOSNIFF)
    .use(errorHandler)
    .use(httpRequestMetrics(http))
    .use(accessControl(deps.access))
    .use(requestGuard)
    .use(docsRoutes(deps.version, { bearer: deps.access?.token !== undefined }))
    .use(dashboardRoutes())
    .use(healthRoutes(deps))
    .use(statsRoutes(deps))
    .use(historyRoutes(deps))
    .use(blocksRoutes(deps))
    .use(pricingRoutes(deps))
    .use(reportsRoutes(deps))
    .use(alertsRoutes(alerts))
    .use(limitsRoutes(deps))
    .use(eventsRoutes(deps, events))
    .use(prometheusRoutes(deps, { http, events, machine: deps.machine ?? hostname() }));
  return app;
}

export type App = ReturnType<typeof createApp>;
