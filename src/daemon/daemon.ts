// Wires a running daemon: stats cache, ingest (worker thread), aggregator loop, Elysia app on a socket.
import type { Clock } from '../platform/clock.ts';
import type { DataRoot } from '../ingest/data-roots.ts';
import { createAggregator, type Aggregator } from './aggregator.ts';
import { inProcessIngest, workerIngest, type IngestClient } from './ingest-client.ts';
import { StatsCache } from '../cache/stats-cache.ts';
import type { CostMode, PriceOverride } from '../pricing/index.ts';
import { hostname, tmpdir } from 'node:os';
import { AlertMonitor } from '../alerts/alert-monitor.ts';
import { alertConfigChanges } from '../config/config-changes.ts';
import type { AlertConfig } from '../alerts/budgets.ts';
import { WebhookSender } from '../alerts/webhook.ts';
import { createApp, type App } from '../server/app.ts';
import { startFront, type Front } from '../server/front/front.ts';
import { createAppSocketDir, sweepStaleSocketDirs } from '../server/front/socket-dir.ts';
import { HttpRequestCounter } from '../server/prometheus/http-requests.ts';
import { MAX_BODY_BYTES } from '../server/request-guard.ts';
import { fastPathAllowed } from '../server/stats/fast-route.ts';
import { FRONT_PATHS } from '../server/front/protocol.ts';
import { healthState } from '../server/health/body.ts';
import { greeting } from '../server/events/frames.ts';
import { DEFAULT_MAX_EVENT_CLIENTS } from '../server/events/types.ts';
import { AppHeartbeat } from '../server/front/app-heartbeat.ts';
import { FrontEvents } from '../server/front/front-events.ts';
import type { AccessConfig } from '../server/types.ts';

export interface DaemonConfig {
  readonly clock: Clock;
  readonly version: string;
  readonly roots: readonly DataRoot[];
  readonly port: number;
  readonly hostname: string;
  readonly intervalMs: number;
  readonly costMode: CostMode;
  /** Snapshots kept in memory (default 3600). */
  readonly capacity?: number;
  /** How long a request waits for the first ingest before a 503, ms (default 10 s). */
  readonly coldTimeoutMs?: number;
  /** 'worker' (default) ingests off the HTTP thread; 'in-process' is for tests and one-shot commands. */
  readonly ingest?: 'worker' | 'in-process';
  /** Extra parse threads for a cold start (default 2). */
  readonly parseThreads?: number;
  /** SQLite store to persist to and resume from; none keeps everything in memory. */
  readonly dbPath?: string;
  /** How often a store that could not be opened at start is tried again, ms (default 30 s). */
  readonly storeRetryMs?: number;
  /** Bearer token and CORS origin for the API (decided by `cco serve`; see server/auth/bind-policy.ts). */
  readonly access?: AccessConfig;
  readonly warn: (message: string) => void;
  /** The `machine` label on /metrics samples (default: the host name). */
  readonly machine?: string;
  /** Budgets to check after each tick, and the webhook that gets each alert. */
  readonly alerts?: AlertConfig;
  /** The config file's price overrides (over the embedded table). */
  readonly pricing?: readonly PriceOverride[];
  /** /api/events clients served at once (default 128); one more gets a 503 with Retry-After. */
  readonly maxEventClients?: number;
  /** How long the app's thread may go without running before /api/health answers 503 `unresponsive`, ms (default 5 s). */
  readonly appStallMs?: number;
}

export interface Daemon {
  readonly app: App;
  readonly cache: StatsCache;
  readonly aggregator: Aggregator;
  readonly port: number;
  readonly url: string;
  /**
   * Applies settings that can change without a restart (budgets, webhook: a config reload on SIGHUP); returns what
   * changed, one phrase each.
   */
  reload(settings: ReloadableSettings): string[];
  stop(): Promise<void>;
}

/** What `reload` can change; everything else (port, host, data roots, store, interval, access) needs a restart. */
export interface ReloadableSettings {
  readonly alerts: AlertConfig;
  /** New prices recompute every response counted so far (as a restart would), not only those counted from now on. */
  readonly pricing?: readonly PriceOverride[];
}

/**
 * Listens first (so a taken port fails fast and requests can wait for data), opens the store, serves what it holds
 * at once, then starts the aggregator. Throws the listen error as is, and the store's when it is locked.
 */
export async function startDaemon(config: DaemonConfig): Promise<Daemon> {
  const startedAtMs = config.clock.now();
  let port = 0;
  const capacity = config.capacity ?? 3600;
  const cache = new StatsCache({ clock: config.clock, capacity, intervalMs: config.intervalMs, startedAtMs, port: () => port });
  // The front serves the event streams (none holds a connection to the app); the app sends it the frames.
  const events = new FrontEvents();
  const heartbeat = new AppHeartbeat(config.appStallMs ?? 5000);
  let alertConfig: AlertConfig = config.alerts ?? { budgets: {} };
  const alerts = new AlertMonitor(alertConfig.budgets);
  const senderFor = (url: string | undefined) => (url ? new WebhookSender({ url, warn: config.warn }) : undefined);
  let webhook = senderFor(alertConfig.webhook);
  // A sender replaced by a reload finishes its deliveries; stop() waits for all of them (briefly).
  const senders = new Set<WebhookSender>(webhook ? [webhook] : []);
  const machine = config.machine ?? hostname();
  alerts.onAlert((alert) => webhook?.send({ event: 'cco.alert', machine, alert }));
  const httpRequests = new HttpRequestCounter();
  // (the front worker reckons uptime from the same moment on a clock every thread shares)
  const startedAt = { monotonic: config.clock.monotonic(), shared: performance.timeOrigin + performance.now() };
  const app = createApp({ clock: config.clock, version: config.version, startedAt: startedAt.monotonic, cache, coldTimeoutMs: config.coldTimeoutMs ?? 10_000, access: config.access, machine, events, alerts, httpRequests, pricing: () => pricing });
  // The app listens on a unix socket in a folder only this user can open; the public address belongs to the front
  // worker, which answers the hot path from a small heap of its own and hands the app every other request
  // (server/front/).
  sweepStaleSocketDirs(tmpdir());
  const socketDir = createAppSocketDir(tmpdir());
  let front: Front;
  try {
    app.listen({ unix: socketDir.socket });
    front = await startFront({
      hostname: config.hostname, port: config.port, appSocket: socketDir.socket, maxRequestBodySize: MAX_BODY_BYTES, allowedHosts: config.access?.allowedHosts ?? [], fastPath: fastPathAllowed(config.access), version: config.version,
      startedAt: startedAt.shared, subscribers: events.subscribers, maxEventClients: config.maxEventClients ?? DEFAULT_MAX_EVENT_CLIENTS, heartbeatMs: 15_000,
      appBeat: heartbeat.beat, appStallMs: heartbeat.stallMs,
    });
  } catch (error) {
    await app.stop();
    socketDir.remove();
    throw error;
  }
  port = front.port;
  const started = front;
  events.attach((frames) => started.events(frames));
  heartbeat.start();
  for (const path of FRONT_PATHS) httpRequests.addSource(path, 200, () => front.answered(path));
  const publish = () => {
    const latest = cache.bodies.latest;
    front.publish({ ...(latest ? { stats: latest } : {}), health: healthState(cache), greeting: greeting(cache.snapshots.latest()) });
    for (const path of FRONT_PATHS) front.answered(path); // (read every change, so the 32-bit counts never wrap unseen)
  };
  publish();
  cache.onChange(publish);
  let pricing: readonly PriceOverride[] = config.pricing ?? [];
  const sessionOptions = { roots: config.roots, costMode: config.costMode, pricing, backfillMs: capacity * config.intervalMs, dbPath: config.dbPath, storeRetryMs: config.storeRetryMs, onWarning: config.warn };
  let ingest: IngestClient | undefined;
  try {
    ingest = config.ingest === 'in-process' ? inProcessIngest(sessionOptions) : workerIngest({ ...sessionOptions, parseThreads: config.parseThreads ?? 2 });
    const view = await ingest.opened;
    if (view) cache.restore(view);
  } catch (error) {
    // A live worker would keep the process from exiting.
    await ingest?.close();
    heartbeat.stop();
    await front.stop();
    await app.stop();
    socketDir.remove();
    throw error;
  }
  const client = ingest;
  const aggregator = createAggregator({ clock: config.clock, ingest: client, cache, intervalMs: config.intervalMs, warn: config.warn });
  aggregator.start();
  const host = config.hostname.includes(':') ? `[${config.hostname}]` : config.hostname;
  return {
    app,
    cache,
    aggregator,
    port,
    url: `http://${host}:${port}`,
    reload(settings) {
      const changes = alertConfigChanges(alertConfig, settings.alerts);
      if (settings.alerts.webhook !== alertConfig.webhook) {
        webhook = senderFor(settings.alerts.webhook);
        if (webhook) senders.add(webhook);
      }
      alertConfig = settings.alerts;
      alerts.setBudgets(settings.alerts.budgets);
      if (settings.pricing !== undefined && JSON.stringify(settings.pricing) !== JSON.stringify(pricing)) {
        pricing = settings.pricing;
        client.reprice(pricing);
        changes.push(`prices (${pricing.length} override${pricing.length === 1 ? '' : 's'}; every response repriced)`);
      }
      return changes;
    },
    async stop() {
      // No new ticks; the one in flight finishes or, when it takes too long (a cold ingest), is left unsaved.
      const halted = aggregator.stop();
      await client.close();
      await halted;
      // The front ends its event streams cleanly, then lets what is in flight finish, briefly.
      heartbeat.stop();
      await front.stop();
      // Alerts still being delivered get a moment, not a hang (the whole stop stays within ~2 s).
      if (senders.size > 0) await Promise.race([Promise.all([...senders].map((s) => s.drain())), Bun.sleep(500)]);
      await app.stop();
      socketDir.remove();
    },
  };
}
