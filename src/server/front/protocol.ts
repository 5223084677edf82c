// Messages between the daemon and its HTTP front worker (front-worker.ts).
import type { StatsBodies } from '../../cache/stale-bodies.ts';
import { HEALTH_PATH, type HealthState } from '../health/body.ts';
import { STATS_PATH } from '../stats/fast-route.ts';

/** The paths the front answers itself; a path's index is its slot in the `answered` counters. */
export const FRONT_PATHS = [STATS_PATH, HEALTH_PATH] as const;
export type FrontPath = (typeof FRONT_PATHS)[number];

/**
 * The app's private listener: a unix socket in a folder only this user can open, or, where unix sockets are not
 * available (Windows), a port on the loopback address (the app checks Host and token itself, as the front does).
 */
export type AppAddress = { readonly unix: string } | { readonly port: number };

export interface FrontInit {
  readonly type: 'init';
  readonly hostname: string;
  readonly port: number;
  /** Where every request the front does not answer itself goes: the app's private listener. */
  readonly app: AppAddress;
  readonly maxRequestBodySize: number;
  /** Host names answered besides the built-in ones (server/auth/host-check.ts). */
  readonly allowedHosts: readonly string[];
  /** Whether the front may answer requests itself (no token or CORS configured). */
  readonly fastPath: boolean;
  /** The daemon's version, for /api/health. */
  readonly version: string;
  /** When the daemon started, as `performance.timeOrigin + performance.now()` (comparable across threads), for uptime. */
  readonly startedAt: number;
  /** One Uint32 slot per FRONT_PATHS entry, wrapping: requests answered by the front (read by /metrics). */
  readonly answered: SharedArrayBuffer;
  /**
   * One Int32 slot: the generation of the latest `publish`, set by the daemon before it posts the message. Until the
   * front has that generation in hand it hands requests to the app, so no answer is older than one already published.
   */
  readonly published: SharedArrayBuffer;
  /** One Int32 slot the front keeps at its number of /api/events clients (read by /metrics). */
  readonly subscribers: SharedArrayBuffer;
  /** The most /api/events clients served at once; one more gets a 503 with Retry-After. */
  readonly maxEventClients: number;
  /** Requests handed to the app at once; one more gets a 503 with Retry-After (proxy.ts). */
  readonly maxProxiedRequests: number;
  /** How often each event stream gets a heartbeat comment, ms. */
  readonly heartbeatMs: number;
  /**
   * One BigInt64 slot: when the app's thread last ran its heartbeat, as `performance.timeOrigin + performance.now()`
   * rounded to ms. Older than `appStallMs`, /api/health answers 503 `unresponsive`.
   */
  readonly appBeat: SharedArrayBuffer;
  readonly appStallMs: number;
}

/** What the front answers from: the latest /api/stats bodies (none before the first tick) and health state. */
export interface FrontState {
  readonly generation: number;
  /** What a new /api/events client gets first (the latest snapshot). */
  readonly greeting: string;
  readonly stats?: { readonly bodies: StatsBodies; readonly at: number };
  readonly health: HealthState;
}

export type ToFront =
  | FrontInit
  | ({ readonly type: 'publish' } & FrontState)
  /** SSE frames for every /api/events client (a tick's events, an alert). */
  | { readonly type: 'events'; readonly frames: string }
  | { readonly type: 'stop' };

export type FromFront =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'error'; readonly message: string; readonly code?: string }
  | { readonly type: 'stopped' };
