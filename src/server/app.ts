// createApp(deps): the whole HTTP surface as one Elysia app, built from feature plugins.
import { Elysia } from 'elysia';
import { docsRoutes } from './docs/index.ts';
import { errorHandler } from './errors.ts';
import { healthRoutes } from './health/index.ts';
import { historyRoutes } from './history/index.ts';
import { statsRoutes } from './stats/index.ts';
import type { AppDeps } from './types.ts';

export function createApp(deps: AppDeps) {
  return new Elysia({ name: 'cco' })
    .use(errorHandler)
    .use(docsRoutes(deps.version))
    .use(healthRoutes(deps))
    .use(statsRoutes(deps))
    .use(historyRoutes(deps));
}

export type App = ReturnType<typeof createApp>;
