// An ingest ticker that also feeds remote write: after each tick the usage counters and the plan-limit gauges go to the
// writer (which samples, keeps and sends them off the tick path), and its status rides along in the tick's health.
import { latestLimits, limitFamilies } from '../ledger/limit-metrics.ts';
import type { LimitSample } from '../ledger/limit-samples.ts';
import type { TickResult } from '../ledger/outputs.ts';
import type { PriceOverride } from '../pricing/types.ts';
import { MemoryBacklog } from '../push/memory-backlog.ts';
import { RemoteWriter } from '../push/remote-writer.ts';
import type { PushBacklog, RemoteWriteConfig } from '../push/types.ts';
import { VERSION } from '../platform/version.ts';
import type { IngestTicker } from './ingest-ticker.ts';

/** Remote write as the daemon runs it: where to, and the `machine` label. */
export interface RemoteWriteSettings extends RemoteWriteConfig {
  readonly machine: string;
}

/**
 * `ticker` with remote write; `backlog` is the store's (kept across restarts) or, without one, in memory. Closing
 * stops the writer before the ticker (and its store) closes.
 */
export function withRemoteWrite(
  ticker: IngestTicker,
  settings: RemoteWriteSettings,
  backlog: PushBacklog | undefined,
  warn: (message: string) => void,
): IngestTicker {
  const { machine, ...config } = settings;
  const writer = new RemoteWriter({
    config,
    machine,
    backlog: backlog ?? new MemoryBacklog(),
    warn,
    userAgent: `cco/${VERSION}`,
  });
  let closed = false;
  // Each window's latest figure (a tick hands over only new samples; the first, every kept one).
  let limits: readonly LimitSample[] = [];
  return {
    async tick(now: number): Promise<TickResult> {
      const result = await ticker.tick(now);
      if (result.limitSamples) limits = latestLimits([...limits, ...result.limitSamples]);
      writer.record(now, result.usage, limitFamilies(limits, now));
      return { ...result, health: { ...result.health, remote_write: writer.status } };
    },
    reprice: (pricing: readonly PriceOverride[]) => ticker.reprice(pricing),
    sessionCalls: (session: string) => ticker.sessionCalls(session),
    close() {
      if (closed) return;
      closed = true;
      // (the writer stops touching the backlog at once; the cancelled request settles on its own)
      void writer.close();
      ticker.close();
    },
  };
}
