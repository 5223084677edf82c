// A daemon's parts on a real data root, composed as `cco serve` composes them (daemon/compose.ts) but listening on
// nothing: an injected clock, in-process ingest, the app answered through `app.handle`.
import { manualClock } from '../../src/platform/clock.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { composeDaemon } from '../../src/daemon/compose.ts';
import type { IngestClient } from '../../src/daemon/ingest-client.ts';
import type { AlertMonitor } from '../../src/alerts/alert-monitor.ts';
import type { EventHub } from '../../src/server/events/event-hub.ts';
import type { AccessConfig } from '../../src/server/types.ts';
import type { PriceOverride } from '../../src/pricing/types.ts';
import type { LimitSourcePaths } from '../../src/ingest/limit-sources.ts';
import type { RemoteWriteConfig } from '../../src/push/types.ts';

export const NOW = Date.UTC(2026, 10, 28, 12);

export function metricsStack(
  root: string,
  options: {
    intervalMs?: number;
    capacity?: number;
    coldTimeoutMs?: number;
    ingest?: IngestClient;
    now?: number;
    access?: AccessConfig;
    machine?: string;
    events?: EventHub;
    alerts?: AlertMonitor;
    pricing?: readonly PriceOverride[];
    limits?: LimitSourcePaths;
    remoteWrite?: RemoteWriteConfig;
    dbPath?: string;
  } = {},
) {
  const clock = manualClock(options.now ?? NOW);
  const warnings: string[] = [];
  const parts = composeDaemon(
    {
      clock,
      version: 'test',
      roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' }),
      intervalMs: options.intervalMs ?? 2000,
      costMode: 'calculate',
      // (ticks are driven by hand here; the OS's change events are tested on their own)
      watch: false,
      capacity: options.capacity ?? 3600,
      coldTimeoutMs: options.coldTimeoutMs ?? 5000,
      ingest: options.ingest ?? 'in-process',
      access: options.access,
      machine: options.machine ?? 'test-machine',
      pricing: options.pricing,
      limits: options.limits,
      remoteWrite: options.remoteWrite,
      dbPath: options.dbPath,
      warn: (m) => warnings.push(m),
    },
    { events: options.events, alerts: options.alerts, port: () => 3000 },
  );
  const get = async (path: string) => parts.app.handle(new Request(`http://localhost${path}`));
  return {
    clock,
    cache: parts.cache,
    aggregator: parts.aggregator,
    app: parts.app,
    get,
    warnings,
    ingest: parts.ingest,
    opened: parts.opened,
    /** Stops ticking and closes the store (the app never listened). */
    close: async () => {
      await parts.aggregator.stop();
      await parts.ingest.close();
    },
  };
}
