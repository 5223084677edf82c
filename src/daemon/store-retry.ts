// An ingest session whose store could not be opened at start (read-only folder, full disk): it serves from memory,
// reports why in `store_error`, and tries to open the store again every `retryMs` of tick time until it opens.
//
// Once it opens, nothing counted may be lost or counted twice:
// - An empty store (the usual case: it was never created) is attached to the live session, which has tracked every
//   change since the start (`awaitingStore`), so its next write saves all of it: the HTTP side sees no break, and usage
//   read from transcripts deleted in the meantime is kept.
// - A store holding an earlier run's state (usage of transcripts deleted since, which cco keeps counting) cannot take
//   the live session's writes: both number their responses, names and files from zero, and which of the live usage
//   the store already holds is not knowable from the two states (lines without a message id match nothing). So a new session is resumed from the store and catches up on
//   the logs in the same tick, exactly as a restart at that moment would, and takes over. Its first tick result is
//   complete (absolute stats bodies, every minute bucket, every billing block), plus zeroed buckets for any the live
//   session had that it lacks; the calls that arrived in that tick come from the live session's last tick (the new
//   one's first tick treats everything as backlog). The snapshot ring buffer (the last hour's chart) shows the earlier
//   usage joining at that tick. What this cannot keep, as no restart could: usage read only while the store was
//   missing, from transcripts deleted before it opened that the earlier store never saw.
import { errorMessage } from '../platform/error-message.ts';
import type { UsageStore } from '../store/usage-store.ts';
import { openUsageStore, replaceUnusableStore } from '../store/open-usage-store.ts';
import { IngestSession, type IngestSessionOptions } from './ingest-session.ts';
import type { BucketUpdate } from '../ledger/time-series.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { TickResult } from '../ledger/outputs.ts';
import type { SessionCall } from '../ledger/session-calls.ts';

export class StoreRetrySession {
  #options: Omit<IngestSessionOptions, 'store' | 'awaitingStore'>;
  readonly #path: string;
  readonly #retryMs: number;
  #live: IngestSession;
  /** A session resumed from the store that opened, while it catches up (closed with this one). */
  #catchingUp: IngestSession | undefined;
  /** Why the store is not open; undefined once it is. */
  #missing: string | undefined;
  /** Tick time of the last attempt; undefined until the first tick (the attempt at start counts as made then). */
  #lastAttempt: number | undefined;
  /** Closed: never open the store again (nothing would close it). */
  #closed = false;

  /**
   * @param reason why the store could not be opened at start.
   * @param retryMs tick time between attempts, ms.
   */
  constructor(
    options: Omit<IngestSessionOptions, 'store' | 'awaitingStore'>,
    path: string,
    retryMs: number,
    reason: string,
  ) {
    this.#options = options;
    this.#path = path;
    this.#retryMs = retryMs;
    this.#missing = reason;
    this.#live = new IngestSession({ ...options, awaitingStore: true });
  }

  async tick(now: number): Promise<TickResult> {
    if (this.#missing !== undefined && !this.#closed && this.#due(now)) {
      const takenOver = await this.#retry(now);
      if (takenOver) return takenOver;
    }
    const result = await this.#live.tick(now);
    const missing = this.#missing;
    return missing === undefined ? result : { ...result, health: { ...result.health, store_error: missing } };
  }

  /** New prices for the live session, a session catching up, and one resumed later. */
  reprice(pricing: readonly PriceOverride[]): void {
    this.#options = { ...this.#options, pricing };
    this.#live.reprice(pricing);
    this.#catchingUp?.reprice(pricing);
  }

  sessionCalls(session: string): SessionCall[] {
    return this.#live.sessionCalls(session);
  }

  close(): void {
    this.#closed = true;
    this.#catchingUp?.close();
    this.#live.close();
  }

  /** True at most every `retryMs` of tick time; a clock set back starts the wait again. */
  #due(now: number): boolean {
    const last = this.#lastAttempt;
    if (last === undefined || now < last) {
      this.#lastAttempt = now;
      return false;
    }
    if (now - last < this.#retryMs) return false;
    this.#lastAttempt = now;
    return true;
  }

  /** Opens the store if it can; returns the tick result when a session resumed from it took over. */
  async #retry(now: number): Promise<TickResult | undefined> {
    let opened;
    try {
      opened = openUsageStore(this.#path, now);
    } catch (error) {
      this.#missing = errorMessage(error);
      return undefined;
    }
    const warn = (message: string) => this.#options.onWarning?.(message);
    opened.warnings.forEach(warn);
    // The view is undefined exactly when the store holds no tick: nothing to resume from.
    if (opened.view === undefined) {
      this.#attach(opened.store);
      return undefined;
    }
    const resumed = new IngestSession({ ...this.#options, store: opened.store, unpriced: this.#live.unpriced });
    try {
      resumed.restore();
    } catch (error) {
      // Its state cannot be replayed: set it aside (as at start) and save into a fresh store instead.
      const fresh = replaceUnusableStore(opened.store, this.#path, now, errorMessage(error));
      fresh.warnings.forEach(warn);
      this.#attach(fresh.store);
      return undefined;
    }
    return this.#takeOver(resumed, now);
  }

  #attach(store: UsageStore): void {
    this.#live.attachStore(store);
    this.#missing = undefined;
    this.#options.onWarning?.(
      `store ${this.#path}: opened at last; everything counted since the start is saved with this tick`,
    );
  }

  /** Catches `resumed` up on the logs in this tick and swaps it in; the live session's last tick supplies the arrivals. */
  async #takeOver(resumed: IngestSession, now: number): Promise<TickResult> {
    this.#catchingUp = resumed;
    let news: TickResult;
    let caughtUp: TickResult;
    try {
      news = await this.#live.tick(now);
      caughtUp = await resumed.tick(now);
    } catch (error) {
      resumed.close();
      throw error;
    } finally {
      this.#catchingUp = undefined;
    }
    const previous = this.#live;
    this.#live = resumed;
    this.#missing = undefined;
    previous.close();
    this.#options.onWarning?.(
      `store ${this.#path}: opened at last; it holds an earlier run's usage, so ingest carries on from it (reading only what it lacks)`,
    );
    return {
      ...caughtUp,
      durationMs: news.durationMs + caughtUp.durationMs,
      minuteUpdates: withDropped(caughtUp.minuteUpdates, [
        ...previous.engine.ledger.minutes.entries(),
        ...news.minuteUpdates,
      ]),
      newCalls: news.newCalls,
      newCallsOmitted: news.newCallsOmitted,
    };
  }
}

/** `complete` (every bucket of a series) plus a zeroed update for each bucket of `stale` it lacks, so a copy drops it. */
export function withDropped(complete: readonly BucketUpdate[], stale: readonly BucketUpdate[]): BucketUpdate[] {
  const kept = new Set(complete.map((b) => b[0]));
  const dropped = new Set(stale.map((b) => b[0]).filter((start) => !kept.has(start)));
  return [...complete, ...[...dropped].map((start): BucketUpdate => [start, 0, 0, 0])];
}
