// Messages between the daemon and its HTTP front worker (front-worker.ts).
import type { StatsBodies } from '../../metrics/stale-bodies.ts';
import { HEALTH_PATH, type HealthState } from '../health/body.ts';
import { STATS_PATH } from '../stats/fast-route.ts';

/** The paths the front answers itself; a path's index is its slot in the `answered` counters. */
export const FRONT_PATHS = [STATS_PATH, HEALTH_PATH] as const;
export type FrontPath = (typeof FRONT_PATHS)[number];

export interface FrontInit {
  readonly type: 'init';
  readonly hostname: string;
  readonly port: number;
  /** Where every request the front does not answer itself goes: the app's private unix socket. */
  readonly appSocket: string;
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
}

/** What the front answers from: the latest /api/stats bodies (none before the first tick) and health state. */
export interface FrontState {
  readonly generation: number;
  readonly stats?: { readonly bodies: StatsBodies; readonly at: number };
  readonly health: HealthState;
}

export type ToFront =
  | FrontInit
  | ({ readonly type: 'publish' } & FrontState)
  | { readonly type: 'stop' };

export type FromFront =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'error'; readonly message: string; readonly code?: string }
  | { readonly type: 'stopped' };
