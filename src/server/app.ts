// createApp(deps): the whole HTTP surface as one Elysia app, built from feature plugins.
import { Elysia } from 'elysia';
import { accessControl } from './auth/index.ts';
import { docsRoutes } from './docs/index.ts';
import { errorHandler } from './errors.ts';
import { healthRoutes } from './health/index.ts';
import { historyRoutes } from './history/index.ts';
import { MAX_BODY_BYTES, requestGuard } from './request-guard.ts';
import { statsRoutes } from './stats/index.ts';
import type { AppDeps } from './types.ts';

export function createApp(deps: AppDeps) {
  // Hooks run in order: access (CORS preflight, token) before the request guard, so an unauthenticated caller learns nothing.
  return new Elysia({ name: 'cco', serve: { maxRequestBodySize: MAX_BODY_BYTES } })
    .use(errorHandler)
    .use(accessControl(deps.access))
    .use(requestGuard)
    .use(docsRoutes(deps.version, { bearer: deps.access?.token !== undefined }))
    .use(healthRoutes(deps))
    .use(statsRoutes(deps))
    .use(historyRoutes(deps));
}

export type App = ReturnType<typeof createApp>;
