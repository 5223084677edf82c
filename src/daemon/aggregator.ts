// The aggregator: a setTimeout chain (never overlapping) that runs an ingest tick every interval and feeds the cache.
// A failing tick logs one warning and the loop goes on.
import type { Clock } from '../platform/clock.ts';
import { errorMessage } from '../platform/error-message.ts';
import type { IngestClient } from './ingest-client.ts';
import type { StatsCache } from '../cache/stats-cache.ts';

export interface AggregatorOptions {
  readonly clock: Clock;
  readonly ingest: IngestClient;
  readonly cache: StatsCache;
  readonly intervalMs: number;
  readonly warn: (message: string) => void;
}

export interface Aggregator {
  /** Starts the loop; the first tick runs at once. */
  start(): void;
  /** Runs one tick now (also used by the loop); concurrent calls share the tick in flight. */
  tickNow(): Promise<void>;
  /** Stops scheduling and waits for a tick in flight to settle (closing the ingest cuts a long one short). */
  stop(): Promise<void>;
}

export function createAggregator({ clock, ingest, cache, intervalMs, warn }: AggregatorOptions): Aggregator {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;
  let inFlight: Promise<void> | undefined;
  let lastWarning = '';

  const tickNow = (): Promise<void> => {
    inFlight ??= (async () => {
      try {
        cache.update(await ingest.tick(clock.now()));
        lastWarning = '';
      } catch (error) {
        // A tick cut short by a stop is not a failure.
        if (stopped) return;
        cache.recordFailure();
        const message = errorMessage(error);
        // One line per distinct failure, not one per tick.
        if (message !== lastWarning) warn(`ingest tick failed: ${message}`);
        lastWarning = message;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  const loop = async () => {
    const started = clock.monotonic();
    await tickNow();
    if (!running) return;
    // The next tick starts one interval after this one started, or at once if this one took longer.
    timer = setTimeout(loop, Math.max(0, intervalMs - (clock.monotonic() - started)));
  };

  return {
    start() {
      if (running) return;
      running = true;
      void loop();
    },
    tickNow,
    async stop() {
      running = false;
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
