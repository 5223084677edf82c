// Starts the ingest session for a client (the worker or in-process): in memory, on a store resumed from its state, or,
// when the store cannot be written where it is, in memory while retrying it (see store-retry.ts).
import { errorMessage } from '../platform/error-message.ts';
import { StoreUnwritableError } from '../store/open-store.ts';
import { openUsageStore, replaceUnusableStore, type UsableStore } from '../store/open-usage-store.ts';
import type { PersistedView } from '../store/usage-store.ts';
import { formatDuration } from '../platform/duration.ts';
import { IngestSession, type IngestSessionOptions } from './ingest-session.ts';
import { StoreRetrySession } from './store-retry.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { TickResult } from '../ledger/outputs.ts';
import type { SessionCall } from '../ledger/session-calls.ts';

/** How often a store that could not be opened at start is tried again, ms of tick time. */
export const STORE_RETRY_MS = 30_000;

export interface OpenIngestOptions extends Omit<IngestSessionOptions, 'store' | 'awaitingStore' | 'unpriced'> {
  /** SQLite file to persist to and resume from; none keeps everything in memory. */
  readonly dbPath?: string;
  /** Tick time between attempts to open a store that could not be opened at start, ms (default STORE_RETRY_MS). */
  readonly storeRetryMs?: number;
}

/** What a client ticks. */
export interface IngestTicker {
  tick(now: number): Promise<TickResult>;
  /** Prices what was counted, and what comes, with these overrides over the embedded table (see IngestSession.reprice). */
  reprice(pricing: readonly PriceOverride[]): void;
  /** The calls of one session, oldest first (see IngestSession.sessionCalls). */
  sessionCalls(session: string): SessionCall[];
  /** Closes the store; a tick still reading is then not saved. */
  close(): void;
}

export interface OpenedIngest {
  /** What a previous run persisted, for the HTTP side to serve at once; undefined without one. */
  readonly view: PersistedView | undefined;
  /** The session, resumed from the store's state: the slow part of a restart, so hand the view over first. */
  resume(): IngestTicker;
}

/** Throws StoreLockedError when another daemon holds the store, and whatever else keeps it from opening at all. */
export function openIngest(options: OpenIngestOptions): OpenedIngest {
  const { dbPath, storeRetryMs = STORE_RETRY_MS, ...sessionOptions } = options;
  if (!dbPath) return { view: undefined, resume: () => new IngestSession(sessionOptions) };
  const warn = (message: string) => options.onWarning?.(message);
  let usable: UsableStore;
  try {
    usable = openUsageStore(dbPath, Date.now());
  } catch (error) {
    if (!(error instanceof StoreUnwritableError)) throw error;
    // A read-only folder or a full disk: serve from memory meanwhile.
    warn(
      `${error.message}; serving from memory and trying again every ${formatDuration(storeRetryMs)} (what is counted meanwhile is saved once it opens)`,
    );
    return {
      view: undefined,
      resume: () => new StoreRetrySession(sessionOptions, dbPath, storeRetryMs, error.message),
    };
  }
  usable.warnings.forEach(warn);
  return {
    view: usable.view,
    resume() {
      const session = new IngestSession({ ...sessionOptions, store: usable.store });
      try {
        session.restore();
        return session;
      } catch (error) {
        // A store that opened but cannot be replayed: set it aside and rebuild from the logs.
        const fresh = replaceUnusableStore(usable.store, dbPath, Date.now(), errorMessage(error));
        fresh.warnings.forEach(warn);
        return new IngestSession({ ...sessionOptions, store: fresh.store });
      }
    },
  };
}
