// What createApp needs from the outside world: injected, never read from module state.
import type { Clock } from '../platform/clock.ts';
import type { StatsCache } from '../cache/stats-cache.ts';
import type { AlertMonitor } from '../alerts/alert-monitor.ts';
import type { EventChannel } from './events/types.ts';
import type { HttpRequestCounter } from './prometheus/http-requests.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { SessionCall } from '../ledger/session-calls.ts';

export interface AppDeps {
  readonly clock: Clock;
  readonly version: string;
  /** `clock.monotonic()` when the daemon started, for uptime. */
  readonly startedAt: number;
  /** Metrics filled by the aggregator. */
  readonly cache: StatsCache;
  /** How long a request waits for the first ingest before answering 503, ms. */
  readonly coldTimeoutMs: number;
  /** The `machine` label on every /metrics sample (default: the host name). */
  readonly machine?: string;
  /**
   * Where live events go (default: an EventHub with 15 s heartbeats, streaming from this app). Any other channel means
   * the HTTP front serves the streams: the app's /api/events then only vouches for a request (204).
   */
  readonly events?: EventChannel;
  /** Budgets checked after every tick (default: none set). */
  readonly alerts?: AlertMonitor;
  /** Token, CORS origin and allowed hosts; absent fields mean open (loopback), no CORS headers, built-in hosts only. */
  readonly access?: AccessConfig;
  /** Answered requests for /metrics (default: a fresh counter); the daemon adds its HTTP front's count to it. */
  readonly httpRequests?: HttpRequestCounter;
  /** The config file's price overrides in force (they change on a reload); default none. */
  readonly pricing?: () => readonly PriceOverride[];
  /**
   * A session's usage read from its transcript (and subagent files), for GET /api/statusline when the daemon has not
   * counted the session yet; undefined for a path outside the data roots. Default: none (the session is then null).
   */
  readonly sessionUsage?: (transcriptPath: string) => Promise<SessionUsage | undefined>;
  /** One session's calls from the ingest side (GET /api/reports/session/{id}); absent: that route answers 404. */
  readonly sessionCalls?: (session: string) => Promise<readonly SessionCall[]>;
}

/** One session's usage: tokens by kind and USD. */
export interface SessionUsage {
  readonly cost: number;
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
}

/** Who may call the API: with `token`, every route but /api/health and the docs needs `Authorization: Bearer <token>`. */
export interface AccessConfig {
  readonly token?: string;
  /** The one origin allowed by CORS (`--cors`), exactly as browsers send it. */
  readonly corsOrigin?: string;
  /**
   * Host names answered besides localhost, *.localhost and IP literals (`--allowed-host`, `allowed_hosts`; see
   * auth/host-check.ts); any other Host gets 403.
   */
  readonly allowedHosts?: readonly string[];
}
