// Worker thread: the daemon's public listener. It answers GET /api/stats and /api/health from what the daemon relays
// after every tick, serves the /api/events streams from the frames the daemon relays, and hands every other request
// to the app. A worker has a JavaScript heap of its own, small here: its garbage collections stay short, where the
// app's thread (Elysia, every route, the docs UI, the ring buffer) pauses about twice as long, which is what the tail
// latency of the hot path is made of.
import { errorMessage } from '../../platform/error-message.ts';
import { StaleBodies } from '../../cache/stale-bodies.ts';
import { EventHub } from '../events/event-hub.ts';
import { eventsFrontRoutes } from '../events/front-route.ts';
import { HEALTH_PATH, healthJson, uptimeSeconds } from '../health/body.ts';
import { healthFastRoutes } from '../health/fast-route.ts';
import { STATS_PATH, statsFastRoutes } from '../stats/fast-route.ts';
import { StatsResponder } from '../stats/response.ts';
import { FRONT_PATHS, type FromFront, type FrontInit, type FrontPath, type ToFront } from './protocol.ts';
import { hostGuard } from './host-guard.ts';
import { proxyTo } from './proxy.ts';

declare const self: Worker;

const bodies = new StaleBodies();
let health: ((uptimeS: number, responsive: boolean) => string) | undefined;
let greeting = '';
let hub: EventHub | undefined;
let version = '';
/** The generation of the state in hand, and the latest one published (shared with the daemon). */
let applied = 0;
let published: Int32Array | undefined;
/** Whether the state in hand is the latest published: if not, the app answers. */
const current = () => published !== undefined && Atomics.load(published, 0) === applied;
let server: ReturnType<typeof Bun.serve> | undefined;

const post = (message: FromFront) => self.postMessage(message);
const now = () => performance.timeOrigin + performance.now();

function start(init: FrontInit): void {
  version = init.version;
  published = new Int32Array(init.published);
  const answered = new Uint32Array(init.answered);
  const count = (path: FrontPath) => {
    const slot = FRONT_PATHS.indexOf(path);
    return () => void Atomics.add(answered, slot, 1);
  };
  const subscribers = new Int32Array(init.subscribers);
  hub = new EventHub({
    heartbeatMs: init.heartbeatMs,
    maxSubscribers: init.maxEventClients,
    onSize: (size) => Atomics.store(subscribers, 0, size),
  });
  const events = { hub, greeting: () => greeting };
  const appBeat = new BigInt64Array(init.appBeat);
  const responsive = () => now() - Number(Atomics.load(appBeat, 0)) <= init.appStallMs;
  const healthBody = () => {
    if (!current() || !health) return undefined;
    const ok = responsive();
    return { text: health(uptimeSeconds(now() - init.startedAt), ok), responsive: ok };
  };
  const proxy = proxyTo(init.app, init.maxProxiedRequests);
  const routes = {
    // Always here, whatever the access settings: the app vouches for each request first.
    ...eventsFrontRoutes(events, () => proxy),
    ...(init.fastPath
      ? {
          ...statsFastRoutes(
            { body: (range) => (current() ? bodies.body(range, Date.now()) : undefined), answered: count(STATS_PATH) },
            new StatsResponder(),
            () => proxy,
          ),
          ...healthFastRoutes({ body: healthBody, answered: count(HEALTH_PATH) }, () => proxy),
        }
      : {}),
  };
  // Every route and the fallback behind the Host check.
  const guard = hostGuard(init.allowedHosts);
  const guarded = Object.fromEntries(
    Object.entries(routes).map(([path, r]) => [path, { GET: guard(r.GET), HEAD: guard(r.HEAD) }]),
  );
  try {
    server = Bun.serve({
      hostname: init.hostname,
      port: init.port,
      development: false,
      maxRequestBodySize: init.maxRequestBodySize,
      routes: guarded,
      fetch: guard(proxy),
    });
    post({ type: 'listening', port: server.port ?? init.port });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    post({ type: 'error', message: errorMessage(error), ...(typeof code === 'string' ? { code } : {}) });
  }
}

self.onmessage = async (event: MessageEvent<ToFront>) => {
  const message = event.data;
  if (message.type === 'init') start(message);
  else if (message.type === 'publish') {
    if (message.stats) bodies.set(message.stats.bodies, message.stats.at);
    health = healthJson(version, message.health);
    greeting = message.greeting;
    applied = message.generation;
  } else if (message.type === 'events') hub?.publish(() => message.frames);
  else {
    // Event streams end cleanly, then the listener stops and lets the requests in flight finish (the daemon gives it
    // a moment, then ends the thread).
    hub?.close();
    await server?.stop();
    post({ type: 'stopped' });
  }
};
