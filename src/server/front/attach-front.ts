// The HTTP front as one piece: starts the worker on the public address in front of the app's private listener,
// relays every change of the stats cache to it (bodies, health, the SSE greeting), routes the app's event frames to
// its streams, beats the app's heartbeat and counts the requests it answered. Why a front at all: docs/architecture.md.
import type { StatsCache } from '../../cache/stats-cache.ts';
import { greeting } from '../events/frames.ts';
import { DEFAULT_MAX_EVENT_CLIENTS } from '../events/types.ts';
import { healthState } from '../health/body.ts';
import type { HttpRequestCounter } from '../prometheus/http-requests.ts';
import { MAX_BODY_BYTES } from '../request-guard.ts';
import { fastPathAllowed } from '../stats/fast-route.ts';
import type { AccessConfig } from '../types.ts';
import { AppHeartbeat } from './app-heartbeat.ts';
import { startFront } from './front.ts';
import type { FrontEvents } from './front-events.ts';
import { FRONT_PATHS, type AppAddress } from './protocol.ts';
import { DEFAULT_MAX_PROXIED } from './proxy.ts';

export interface FrontAttachment {
  readonly hostname: string;
  readonly port: number;
  /** The app's private listener. */
  readonly app: AppAddress;
  readonly access?: AccessConfig;
  readonly version: string;
  /** Epoch ms on the clock every thread shares (`performance.timeOrigin + performance.now()`) when the daemon started. */
  readonly startedAt: number;
  readonly cache: StatsCache;
  /** The app's event channel; the front serves its streams. */
  readonly events: FrontEvents;
  readonly httpRequests: HttpRequestCounter;
  /** /api/events clients served at once (default 128). */
  readonly maxEventClients?: number;
  /** Requests handed to the app at once (default 128); one more gets a 503 with Retry-After. */
  readonly maxProxiedRequests?: number;
  /** An app thread silent this long makes /api/health answer 503, ms (default 5 s). */
  readonly appStallMs?: number;
}

export interface AttachedFront {
  /** The public port (the one asked for, or the one picked for 0). */
  readonly port: number;
  /** Ends the event streams cleanly, lets what is in flight finish (briefly), stops the worker and the heartbeat. */
  stop(): Promise<void>;
}

/** Listens on the public address; throws the listen error (with its `code`, e.g. EADDRINUSE) when it cannot. */
export async function attachFront(options: FrontAttachment): Promise<AttachedFront> {
  const { cache, events, httpRequests } = options;
  const heartbeat = new AppHeartbeat(options.appStallMs ?? 5000);
  const front = await startFront({
    hostname: options.hostname,
    port: options.port,
    app: options.app,
    maxRequestBodySize: MAX_BODY_BYTES,
    allowedHosts: options.access?.allowedHosts ?? [],
    fastPath: fastPathAllowed(options.access),
    version: options.version,
    startedAt: options.startedAt,
    subscribers: events.subscribers,
    maxEventClients: options.maxEventClients ?? DEFAULT_MAX_EVENT_CLIENTS,
    maxProxiedRequests: options.maxProxiedRequests ?? DEFAULT_MAX_PROXIED,
    heartbeatMs: 15_000,
    appBeat: heartbeat.beat,
    appStallMs: heartbeat.stallMs,
  });
  events.attach((frames) => front.events(frames));
  heartbeat.start();
  for (const path of FRONT_PATHS) httpRequests.addSource(path, 200, () => front.answered(path));
  const publish = () => {
    const latest = cache.bodies.latest;
    front.publish({
      ...(latest ? { stats: latest } : {}),
      health: healthState(cache),
      greeting: greeting(cache.snapshots.latest()),
    });
    for (const path of FRONT_PATHS) front.answered(path); // (read every change, so the 32-bit counts never wrap unseen)
  };
  publish();
  cache.onChange(publish);
  return {
    port: front.port,
    async stop() {
      heartbeat.stop();
      await front.stop();
    },
  };
}
