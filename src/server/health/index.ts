// GET /api/health: liveness, version and how ingest is doing; cheap enough for a load balancer to poll.
import { Elysia } from 'elysia';
import type { AppDeps } from '../types.ts';
import { HealthResponse } from './model.ts';

export const healthRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'health', prefix: '/api' }).get(
    '/health',
    () => {
      const { cache } = deps;
      const h = cache.health;
      const tick = cache.lastTick;
      return {
        status: 'ok' as const,
        version: deps.version,
        uptime_s: Math.round((deps.clock.monotonic() - deps.startedAt) / 10) / 100,
        interval_s: cache.intervalMs / 1000,
        ready: cache.isReady,
        last_tick: tick ? { at: new Date(tick.at).toISOString(), duration_ms: Math.round(tick.durationMs * 10) / 10, bytes_read: tick.bytesRead } : null,
        failed_ticks: cache.failedTicks,
        files_tracked: h?.files_tracked ?? 0,
        bytes_read: h?.bytes_read ?? 0,
        lines_scanned: h?.lines_scanned ?? 0,
        parse_errors: h?.parse_errors ?? 0,
        invalid_lines: h?.invalid_lines ?? 0,
        skipped_files: (h?.unreadable_files ?? 0) + (h?.skipped_dirs ?? 0) + (h?.oversized_lines ?? 0),
        unpriced_models: [...(h?.unpriced_models ?? [])],
        store_error: h?.store_error ?? null,
      };
    },
    {
      response: { 200: HealthResponse },
      // Open even when the daemon requires a token (probes carry none).
      detail: { tags: ['health'], summary: 'Daemon liveness, version, uptime and ingest status', security: [] },
    },
  );
