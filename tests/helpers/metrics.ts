// A metrics stack on a real data root with an injected clock: in-process ingest, stats cache, aggregator, app.
import { manualClock } from '../../src/platform/clock.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { createAggregator } from '../../src/daemon/aggregator.ts';
import { inProcessIngest, type IngestClient } from '../../src/daemon/ingest-client.ts';
import { StatsCache } from '../../src/cache/stats-cache.ts';
import { createApp } from '../../src/server/app.ts';
import type { AlertMonitor } from '../../src/alerts/alert-monitor.ts';
import type { EventHub } from '../../src/server/events/event-hub.ts';
import type { AccessConfig } from '../../src/server/types.ts';
import type { PriceOverride } from '../../src/pricing/types.ts';

export const NOW = Date.UTC(2026, 10, 28, 12);

export function metricsStack(root: string, options: { intervalMs?: number; capacity?: number; coldTimeoutMs?: number; ingest?: IngestClient; now?: number; access?: AccessConfig; machine?: string; events?: EventHub; alerts?: AlertMonitor; pricing?: readonly PriceOverride[] } = {}) {
  const clock = manualClock(options.now ?? NOW);
  const intervalMs = options.intervalMs ?? 2000;
  const capacity = options.capacity ?? 3600;
  const cache = new StatsCache({ clock, capacity, intervalMs, startedAtMs: clock.now(), port: () => 3000 });
  const ingest = options.ingest ?? inProcessIngest({
    roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' }), costMode: 'calculate', backfillMs: capacity * intervalMs, pricing: options.pricing,
  });
  const warnings: string[] = [];
  const aggregator = createAggregator({ clock, ingest, cache, intervalMs, warn: (m) => warnings.push(m) });
  const app = createApp({ clock, version: 'test', startedAt: clock.monotonic(), cache, coldTimeoutMs: options.coldTimeoutMs ?? 5000, access: options.access,
    machine: options.machine ?? 'test-machine', events: options.events, alerts: options.alerts, pricing: () => options.pricing ?? [] });
  const get = async (path: string) => app.handle(new Request(`http://localhost${path}`));
  return { clock, cache, aggregator, app, get, warnings, ingest };
}
