// What createApp needs from the outside world: injected, never read from module state.
import type { Clock } from '../clock.ts';
import type { StatsCache } from '../metrics/stats-cache.ts';

export interface AppDeps {
  readonly clock: Clock;
  readonly version: string;
  /** `clock.monotonic()` when the daemon started, for uptime. */
  readonly startedAt: number;
  /** Metrics filled by the aggregator. */
  readonly cache: StatsCache;
  /** How long a request waits for the first ingest before answering 503, ms. */
  readonly coldTimeoutMs: number;
  /** Token and CORS origin; absent fields mean open (loopback) and no CORS headers. */
  readonly access?: AccessConfig;
}

/** Who may call the API: with `token`, every route but /api/health and the docs needs `Authorization: Bearer <token>`. */
export interface AccessConfig {
  readonly token?: string;
  /** The one origin allowed by CORS (`--cors`), exactly as browsers send it. */
  readonly corsOrigin?: string;
}
