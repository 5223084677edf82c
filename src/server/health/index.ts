// GET /api/health: liveness, version and how ingest is doing; cheap enough for a load balancer to poll.
import { Elysia } from 'elysia';
import type { AppDeps } from '../types.ts';
import { healthBody, healthState, uptimeSeconds } from './body.ts';
import { HealthResponse } from '../../api/health.ts';

export const healthRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'health', prefix: '/api' }).get(
    '/health',
    () => healthBody(deps.version, uptimeSeconds(deps.clock.monotonic() - deps.startedAt), healthState(deps.cache)),
    {
      response: { 200: HealthResponse, 503: HealthResponse },
      // Open even when the daemon requires a token (probes carry none).
      detail: {
        tags: ['health'],
        summary: 'Daemon liveness (503 when the app thread stalls), version, uptime and ingest status',
        security: [],
      },
    },
  );
