// The one composition root: builds every part of a daemon from its config (clock, paths, settings injected), listening
// on nothing. startDaemon (`cco serve`) puts the parts on sockets; tests drive the same parts directly
// (`app.handle`, `aggregator.tickNow`) with a manual clock and temp dirs.
import { hostname } from 'node:os';
import { AlertMonitor } from '../alerts/alert-monitor.ts';
import type { AlertConfig } from '../alerts/budgets.ts';
import { WebhookSender } from '../alerts/webhook.ts';
import { StatsCache } from '../cache/stats-cache.ts';
import { alertConfigChanges } from '../config/config-changes.ts';
import type { DataRoot } from '../ingest/data-roots.ts';
import type { Clock } from '../platform/clock.ts';
import type { CostMode, PriceOverride } from '../pricing/index.ts';
import { createApp, type App } from '../server/app.ts';
import type { EventChannel } from '../server/events/types.ts';
import { HttpRequestCounter } from '../server/prometheus/http-requests.ts';
import type { AccessConfig } from '../server/types.ts';
import type { RemoteWriteConfig } from '../push/types.ts';
import { createAggregator, type Aggregator } from './aggregator.ts';
import { inProcessIngest, workerIngest, type IngestClient } from './ingest-client.ts';
import { checkLimitAlerts } from '../alerts/limit-alerts.ts';
import type { LimitSourcePaths } from '../ingest/limit-sources.ts';
import { SessionTranscripts } from '../ingest/session-transcript.ts';
import { createCostFn, createPriceBook, PRICE_TABLE, type CostFn } from '../pricing/index.ts';

export interface DaemonSettings {
  readonly clock: Clock;
  readonly version: string;
  readonly roots: readonly DataRoot[];
  readonly intervalMs: number;
  readonly costMode: CostMode;
  /** Snapshots kept in memory (default 3600). */
  readonly capacity?: number;
  /** How long a request waits for the first ingest before a 503, ms (default 10 s). */
  readonly coldTimeoutMs?: number;
  /** 'worker' (default) ingests off the HTTP thread; 'in-process' is for tests and one-shot commands; or a client. */
  readonly ingest?: 'worker' | 'in-process' | IngestClient;
  /** Extra parse threads for a cold start (default 2). */
  readonly parseThreads?: number;
  /** SQLite store to persist to and resume from; none keeps everything in memory. */
  readonly dbPath?: string;
  /** How often a store that could not be opened at start is tried again, ms (default 30 s). */
  readonly storeRetryMs?: number;
  /** Bearer token, CORS origin and allowed hosts (decided by `cco serve`; see server/auth/bind-policy.ts). */
  readonly access?: AccessConfig;
  readonly warn: (message: string) => void;
  /** The `machine` label on /metrics samples (default: the host name). */
  readonly machine?: string;
  /** Budgets to check after each tick, and the webhook that gets each alert. */
  readonly alerts?: AlertConfig;
  /** The config file's price overrides (over the embedded table). */
  readonly pricing?: readonly PriceOverride[];
  /** Learn what changed from the OS between full walks (default true; the polling walk stays the safety net). */
  readonly watch?: boolean;
  /** Where plan-limit samples are read from: the status line's spool and ~/.claude.json (default: neither). */
  readonly limits?: LimitSourcePaths;
  /** Push the usage counters (with the `machine` label) to a Prometheus remote-write receiver. */
  readonly remoteWrite?: RemoteWriteConfig;
}

/** What `reload` can change; everything else (port, host, data roots, store, interval, access) needs a restart. */
export interface ReloadableSettings {
  readonly alerts: AlertConfig;
  /** New prices recompute every response counted so far (as a restart would), not only those counted from now on. */
  readonly pricing?: readonly PriceOverride[];
}

export interface DaemonParts {
  readonly cache: StatsCache;
  readonly app: App;
  readonly aggregator: Aggregator;
  readonly ingest: IngestClient;
  readonly alerts: AlertMonitor;
  readonly httpRequests: HttpRequestCounter;
  /** Resolves once what the store holds is served from memory (at once without a store); rejects when it is locked. */
  readonly opened: Promise<void>;
  /** Applies settings that can change while running (a SIGHUP reload); returns what changed, one phrase each. */
  reload(settings: ReloadableSettings): string[];
  /** No new ticks; the one in flight finishes or is left unsaved; webhooks get a moment; the app stops. */
  close(): Promise<void>;
}

export interface CompositionHooks {
  /** Where live events go (default: the app streams them itself). */
  readonly events?: EventChannel;
  /** The public port, for the bodies that name it (default 0). */
  readonly port?: () => number;
  /** A monitor to check budgets with, instead of one built from `settings.alerts`. */
  readonly alerts?: AlertMonitor;
}

export function composeDaemon(settings: DaemonSettings, hooks: CompositionHooks = {}): DaemonParts {
  const { clock } = settings;
  const capacity = settings.capacity ?? 3600;
  const cache = new StatsCache({
    clock,
    capacity,
    intervalMs: settings.intervalMs,
    startedAtMs: clock.now(),
    port: hooks.port ?? (() => 0),
  });
  let alertConfig: AlertConfig = settings.alerts ?? { budgets: {} };
  const alerts = hooks.alerts ?? new AlertMonitor(alertConfig.budgets);
  const senderFor = (url: string | undefined) => (url ? new WebhookSender({ url, warn: settings.warn }) : undefined);
  let webhook = senderFor(alertConfig.webhook);
  // A sender replaced by a reload finishes its deliveries; close() waits for all of them (briefly).
  const senders = new Set<WebhookSender>(webhook ? [webhook] : []);
  const machine = settings.machine ?? hostname();
  alerts.onAlert((alert) => webhook?.send({ event: 'cco.alert', machine, alert }));
  const httpRequests = new HttpRequestCounter();
  let pricing: readonly PriceOverride[] = settings.pricing ?? [];
  let priced: { for: readonly PriceOverride[] | undefined; fn: CostFn } = { for: undefined, fn: () => 0 };
  // A status line's session the daemon has not counted yet is read from its transcript (new bytes only).
  const transcripts = new SessionTranscripts({
    projectsDirs: settings.roots.map((r) => r.projectsDir),
    costOf: () => {
      if (priced.for !== pricing)
        priced = { for: pricing, fn: createCostFn(settings.costMode, createPriceBook(PRICE_TABLE, pricing)) };
      return priced.fn;
    },
  });
  cache.onTick(() =>
    checkLimitAlerts(alerts, cache.limits.standings(clock.now(), cache.spendBetween, cache.version), clock.now()),
  );
  const app = createApp({
    clock,
    version: settings.version,
    startedAt: clock.monotonic(),
    cache,
    coldTimeoutMs: settings.coldTimeoutMs ?? 10_000,
    access: settings.access,
    machine,
    events: hooks.events,
    alerts,
    httpRequests,
    pricing: () => pricing,
    sessionUsage: (path) => transcripts.read(path),
    sessionCalls: (session) => ingest.sessionCalls(session),
  });
  const sessionOptions = {
    roots: settings.roots,
    costMode: settings.costMode,
    pricing,
    backfillMs: capacity * settings.intervalMs,
    dbPath: settings.dbPath,
    storeRetryMs: settings.storeRetryMs,
    onWarning: settings.warn,
    watch: settings.watch ?? true,
    limits: settings.limits,
    remoteWrite: settings.remoteWrite && { ...settings.remoteWrite, machine },
  };
  const ingest =
    typeof settings.ingest === 'object'
      ? settings.ingest
      : settings.ingest === 'in-process'
        ? inProcessIngest(sessionOptions)
        : workerIngest({ ...sessionOptions, parseThreads: settings.parseThreads ?? 2 });
  const opened = ingest.opened.then((view) => {
    if (view) cache.restore(view);
  });
  const aggregator = createAggregator({ clock, ingest, cache, intervalMs: settings.intervalMs, warn: settings.warn });
  return {
    cache,
    app,
    aggregator,
    ingest,
    alerts,
    httpRequests,
    opened,
    reload(next) {
      const changes = alertConfigChanges(alertConfig, next.alerts);
      if (next.alerts.webhook !== alertConfig.webhook) {
        webhook = senderFor(next.alerts.webhook);
        if (webhook) senders.add(webhook);
      }
      alertConfig = next.alerts;
      alerts.setBudgets(next.alerts.budgets);
      if (next.pricing !== undefined && JSON.stringify(next.pricing) !== JSON.stringify(pricing)) {
        pricing = next.pricing;
        ingest.reprice(pricing);
        changes.push(`prices (${pricing.length} override${pricing.length === 1 ? '' : 's'}; every response repriced)`);
      }
      return changes;
    },
    async close() {
      const halted = aggregator.stop();
      // (a live worker would keep the process from exiting)
      await ingest.close();
      await halted;
      // Alerts still being delivered get a moment, not a hang (the whole stop stays within ~2 s).
      if (senders.size > 0) await Promise.race([Promise.all([...senders].map((s) => s.drain())), Bun.sleep(500)]);
      await app.stop();
    },
  };
}
