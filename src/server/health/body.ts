// The /api/health body, in two parts: the ingest state, which changes only when a tick lands or fails, and the
// uptime, which changes per request. The app's route and the HTTP front worker (server/front/) build it alike.
import type { StatsCache } from '../../cache/stats-cache.ts';
import type { HealthResponse } from '../../api/health.ts';

export type HealthBody = typeof HealthResponse.static;
/** Everything in the body but `status`, `version`, `uptime_s` and `app_responsive`. */
export type HealthState = Omit<HealthBody, 'status' | 'version' | 'uptime_s' | 'app_responsive'>;

export const HEALTH_PATH = '/api/health';

/** Seconds, to 10 ms. */
export const uptimeSeconds = (ms: number): number => Math.round(ms / 10) / 100;

export function healthState(cache: StatsCache): HealthState {
  const h = cache.health;
  const tick = cache.lastTick;
  return {
    pid: process.pid,
    interval_s: cache.intervalMs / 1000,
    ready: cache.isReady,
    last_tick: tick
      ? {
          at: new Date(tick.at).toISOString(),
          duration_ms: Math.round(tick.durationMs * 10) / 10,
          bytes_read: tick.bytesRead,
        }
      : null,
    failed_ticks: cache.failedTicks,
    files_tracked: h?.files_tracked ?? 0,
    bytes_read: h?.bytes_read ?? 0,
    lines_scanned: h?.lines_scanned ?? 0,
    parse_errors: h?.parse_errors ?? 0,
    invalid_lines: h?.invalid_lines ?? 0,
    invalid_timestamps: h?.invalid_timestamps ?? 0,
    future_lines: h?.future_lines ?? 0,
    skipped_files: (h?.unreadable_files ?? 0) + (h?.skipped_dirs ?? 0) + (h?.oversized_lines ?? 0),
    unpriced_models: [...(h?.unpriced_models ?? [])],
    store_error: h?.store_error ?? null,
    remote_write: h?.remote_write ?? null,
  };
}

/** @param responsive whether the app's thread is running (answered by that thread: yes). */
export const healthBody = (version: string, uptimeS: number, state: HealthState, responsive = true): HealthBody => ({
  status: responsive ? 'ok' : 'unresponsive',
  version,
  uptime_s: uptimeS,
  app_responsive: responsive,
  ...state,
});

/**
 * The body as JSON for any uptime and app liveness, from one serialization of the state: `JSON.stringify(healthBody(…))`
 * byte for byte, without stringifying the state per request.
 */
export function healthJson(version: string, state: HealthState): (uptimeS: number, responsive: boolean) => string {
  const head = (responsive: boolean) =>
    `{"status":"${responsive ? 'ok' : 'unresponsive'}","version":${JSON.stringify(version)},"uptime_s":`;
  const ok = head(true);
  const stalled = head(false);
  const tail = `,${JSON.stringify(state).slice(1)}`;
  return (uptimeS, responsive) =>
    (responsive ? ok : stalled) + JSON.stringify(uptimeS) + `,"app_responsive":${responsive}` + tail;
}
