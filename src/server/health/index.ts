// GET /api/health: liveness and version, cheap enough for a load balancer to poll.
import { Elysia } from 'elysia';
import type { AppDeps } from '../types.ts';
import { HealthResponse } from './model.ts';

export const healthRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'health', prefix: '/api' }).get(
    '/health',
    () => ({
      status: 'ok' as const,
      version: deps.version,
      uptime_s: Math.round((deps.clock.monotonic() - deps.startedAt) / 10) / 100,
    }),
    {
      response: { 200: HealthResponse },
      detail: { tags: ['health'], summary: 'Daemon liveness, version and uptime' },
    },
  );
