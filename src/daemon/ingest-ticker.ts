// What an ingest client ticks: a session (in memory, on a store, or retrying one), possibly with remote write.
import type { TickResult } from '../ledger/outputs.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { SessionCall } from '../ledger/session-calls.ts';

export interface IngestTicker {
  tick(now: number): Promise<TickResult>;
  /** Prices what was counted, and what comes, with these overrides over the embedded table (see IngestSession.reprice). */
  reprice(pricing: readonly PriceOverride[]): void;
  /** The calls of one session, oldest first (see IngestSession.sessionCalls). */
  sessionCalls(session: string): SessionCall[];
  /** Closes the store; a tick still reading is then not saved. */
  close(): void;
}
