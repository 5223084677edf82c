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
}
