// The /api/health body, in two parts: the ingest state, which changes only when a tick lands or fails, and the
// uptime, which changes per request. The app's route and the HTTP front worker (server/front/) build it alike.
import type { StatsCache } from '../../metrics/stats-cache.ts';
import type { HealthResponse } from './model.ts';

export type HealthBody = typeof HealthResponse.static;
/** Everything in the body but `status`, `version` and `uptime_s`. */
export type HealthState = Omit<HealthBody, 'status' | 'version' | 'uptime_s'>;

export const HEALTH_PATH = '/api/health';

/** Seconds, to 10 ms. */
export const uptimeSeconds = (ms: number): number => Math.round(ms / 10) / 100;

export function healthState(cache: StatsCache): HealthState {
  const h = cache.health;
  const tick = cache.lastTick;
  return {
    interval_s: cache.intervalMs / 1000,
    ready: cache.isReady,
    last_tick: tick ? { at: new Date(tick.at).toISOString(), duration_ms: Math.round(tick.durationMs * 10) / 10, bytes_read: tick.bytesRead } : null,
    failed_ticks: cache.failedTicks,
    files_tracked: h?.files_tracked ?? 0,
    bytes_read: h?.bytes_read ?? 0,
    lines_scanned: h?.lines_scanned ?? 0,
    parse_errors: h?.parse_errors ?? 0,
    invalid_lines: h?.invalid_lines ?? 0,
    future_lines: h?.future_lines ?? 0,
    skipped_files: (h?.unreadable_files ?? 0) + (h?.skipped_dirs ?? 0) + (h?.oversized_lines ?? 0),
    unpriced_models: [...(h?.unpriced_models ?? [])],
    store_error: h?.store_error ?? null,
  };
}

export const healthBody = (version: string, uptimeS: number, state: HealthState): HealthBody => ({ status: 'ok', version, uptime_s: uptimeS, ...state });

/**
 * The body as JSON for any uptime, from one serialization of the state: `JSON.stringify(healthBody(…))` byte for
 * byte, without stringifying the state per request.
 */
export function healthJson(version: string, state: HealthState): (uptimeS: number) => string {
  const head = `{"status":"ok","version":${JSON.stringify(version)},"uptime_s":`;
  const tail = `,${JSON.stringify(state).slice(1)}`;
  return (uptimeS) => head + JSON.stringify(uptimeS) + tail;
}
