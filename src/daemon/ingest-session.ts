// One ingest engine and what a tick hands to the HTTP side: runs in the ingest worker (or in-process in tests).
import type { DataRoot } from '../ingest/data-roots.ts';
import { ChangeWatch } from '../ingest/change-watch.ts';
import { IngestEngine, type BulkReader } from '../ingest/engine.ts';
import { NO_MODEL } from '../ledger/ledger.ts';
import {
  createCostFn,
  createPriceBook,
  PRICE_TABLE,
  type CostFn,
  type CostMode,
  type PriceOverride,
} from '../pricing/index.ts';
import { TickWriter } from '../store/tick-writer.ts';
import type { UsageStore } from '../store/usage-store.ts';
import { futureResponses } from '../ledger/future-lines.ts';
import { spendOf } from '../ledger/spend.ts';
import { BUCKET_MS } from '../ledger/usage-cube.ts';
import { UsageSeriesBuilder } from '../ledger/usage-series.ts';
import { buildStatsBody, serializeStatsBody, stampStatsBody } from '../ledger/stats-body.ts';
import type { SessionCall } from '../ledger/session-calls.ts';
import { type IngestHealth, type ModelShare, type StatsSnapshot, type TickResult } from '../ledger/outputs.ts';
import { TIME_RANGES, type TimeRangeName } from '../api/values.ts';
import type { LimitSourcePaths } from '../ingest/limit-sources.ts';
import { LimitFeed } from './limit-feed.ts';

export interface IngestSessionOptions {
  readonly roots: readonly DataRoot[];
  readonly costMode: CostMode;
  /** How far back the first tick reports per-second usage (the snapshot history's span), ms. */
  readonly backfillMs: number;
  readonly bulkReader?: BulkReader;
  readonly onWarning?: (message: string) => void;
  /** Persists each tick; the session resumes from it on `restore()`. */
  readonly store?: UsageStore;
  /**
   * No store yet, one may be attached later (it could not be opened at start): every change is tracked from the
   * start, so the store's first write saves all of them (held in memory until then, in step with the usage counted).
   */
  readonly awaitingStore?: boolean;
  /** Models already reported as unpriced (by the session this one takes over from): not warned about again. */
  readonly unpriced?: readonly string[];
  /** The config file's price overrides, over the embedded table (plain data: it is posted to the ingest worker). */
  readonly pricing?: readonly PriceOverride[];
  /** Learn what changed from the OS between full walks (ingest/change-watch.ts), so an idle tick stats nothing. */
  readonly watch?: boolean;
  /** Where plan-limit samples are read from (the status line's spool, ~/.claude.json); none reads no samples. */
  readonly limits?: LimitSourcePaths;
}

export class IngestSession {
  readonly engine: IngestEngine;
  readonly #options: IngestSessionOptions;
  readonly #unpriced: string[];
  readonly #usageSeries = new UsageSeriesBuilder();
  #store: UsageStore | undefined;
  /** Saves each tick; a failing write (disk full, read-only) is held in memory and retried next tick. */
  #writer: TickWriter | undefined;
  #ticks = 0;
  readonly #views = new Map<string, { key: string; value: unknown }>();
  #closed = false;
  #future = { key: '', count: 0 };
  readonly #changes: ChangeWatch | undefined;
  readonly #limits: LimitFeed | undefined;

  constructor(options: IngestSessionOptions) {
    this.#options = options;
    this.#unpriced = [...(options.unpriced ?? [])];
    const costOf = this.#costFn(options.pricing ?? []);
    const persistent = options.store !== undefined || options.awaitingStore === true;
    this.#changes = options.watch ? new ChangeWatch(options.roots) : undefined;
    this.#changes?.start();
    this.engine = new IngestEngine({
      roots: options.roots,
      costOf,
      bulkReader: options.bulkReader,
      persistent,
      changes: this.#changes,
    });
    this.#limits = options.limits && new LimitFeed(options.limits, (m) => options.onWarning?.(m));
    if (options.store) this.attachStore(options.store);
  }

  /**
   * Prices every response counted so far again with `pricing` over the embedded table, and those counted from now on:
   * totals, series and blocks then read as after a restart with these prices. Throws ConfigError for contradicting
   * overrides (nothing changes then). The unpriced list starts afresh.
   */
  reprice(pricing: readonly PriceOverride[]): void {
    const costOf = this.#costFn(pricing);
    this.#unpriced.length = 0;
    this.engine.ledger.reprice(costOf);
  }

  #costFn(pricing: readonly PriceOverride[]): CostFn {
    return createCostFn(this.#options.costMode, createPriceBook(PRICE_TABLE, pricing), (model) => {
      if (this.#unpriced.includes(model)) return;
      this.#unpriced.push(model);
      this.#options.onWarning?.(`no price known for model '${model}': its cost counts as 0`);
    });
  }

  /** Models with no known price met so far (their cost counts as 0). */
  get unpriced(): readonly string[] {
    return this.#unpriced;
  }

  /**
   * Persists to `store` from the next tick on. A store attached after ticks ran must be empty and the session made
   * with `awaitingStore`: its first write then saves everything counted since the start.
   */
  attachStore(store: UsageStore): void {
    if (this.#store) throw new Error('the session already has a store');
    if (this.#ticks > 0 && !this.#options.awaitingStore)
      throw new Error('a store attached after the first tick needs awaitingStore');
    this.#store = store;
    this.#writer = new TickWriter(store, (message) => this.#options.onWarning?.(message));
  }

  /** Loads the persisted state, if any, so the next tick reads only what was appended meanwhile. */
  restore(): boolean {
    const state = this.#store?.loadState();
    if (state) this.engine.restore(state);
    if (this.#store) this.#limits?.restore(this.#store.limits);
    return state !== undefined;
  }

  /** Runs one incremental ingest at wall-clock `now` (epoch ms) and describes the result. */
  async tick(now: number): Promise<TickResult> {
    const started = performance.now();
    this.engine.ledger.recentSince = now - this.#options.backfillMs;
    const report = await this.engine.tick();
    const first = this.#ticks++ === 0;
    const ledger = this.engine.ledger;
    ledger.seconds.prune(now - this.#options.backfillMs);
    const rt = this.engine.responseTime;
    const avgResponseTimeMs = rt.samples > 0 ? rt.totalMs / rt.samples : 0;
    const statsBodies = Object.fromEntries(
      TIME_RANGES.map((range) => [
        range,
        stampStatsBody(
          this.#memo(`stats:${range}`, now, () =>
            serializeStatsBody(buildStatsBody({ ledger, range, now, avgResponseTimeMs })),
          ),
          now,
        ),
      ]),
    ) as Record<TimeRangeName, string>;
    const minuteUpdates = first ? ledger.minutes.entries() : ledger.minutes.takeUpdates();
    if (first) ledger.minutes.takeUpdates();
    const recentSeconds = first ? ledger.seconds.entries() : undefined;
    ledger.seconds.takeUpdates();
    const snapshot = this.#snapshot(now, avgResponseTimeMs);
    // The first tick's arrivals are the backlog, not news.
    const arrivals = ledger.arrivals.take();
    const limitSamples = (await this.#limits?.take(first, this.#store?.limits)) ?? [];
    // Closed while this tick read (the daemon is stopping): the store keeps the last tick saved, nothing half-done.
    if (this.#closed) throw new Error('ingest stopped');
    this.#writer?.write(
      this.engine.takeChanges(),
      { at: now, snapshot, statsBodies, keepSnapshotsSince: now - this.#options.backfillMs },
      report.bytesRead === 0,
    );
    return {
      startedAt: now,
      durationMs: performance.now() - started,
      bytesRead: report.bytesRead,
      newResponses: report.newResponses,
      statsBodies,
      snapshot,
      minuteUpdates,
      ...(recentSeconds ? { recentSeconds } : {}),
      health: this.#health(now),
      usage: this.#usageSeries.build(ledger),
      newCalls: first ? [] : arrivals.calls,
      newCallsOmitted: first ? 0 : arrivals.omitted,
      blocks: ledger.takeBlockUpdate(),
      reports: ledger.reports.take(ledger, (id) => this.engine.pathOf(id)),
      spend: this.#memo('spend', now, () => spendOf(ledger, now)),
      ...(limitSamples.length > 0 ? { limitSamples } : {}),
    };
  }

  /** The calls of one session, oldest first: a scan of the counted responses, between ticks. */
  sessionCalls(session: string): SessionCall[] {
    return this.engine.ledger.callsIn(this.engine.filesOfSession(session));
  }

  /** Closes the store; a tick still reading is then not saved (the next start reads it again from saved offsets). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#changes?.close();
    this.#store?.close();
  }

  /**
   * A view of the counted usage, rebuilt only when that usage changed or the local day turned (today, week and month
   * move); an idle tick reuses it.
   */
  #memo<T>(name: string, now: number, build: () => T): T {
    const key = `${this.engine.ledger.version}|${new Date(now).toDateString()}`;
    const cached = this.#views.get(name);
    if (cached?.key === key) return cached.value as T;
    const value = build();
    this.#views.set(name, { key, value });
    return value;
  }

  #snapshot(now: number, avgResponseTimeMs: number): Omit<StatsSnapshot, 'uptime' | 'port'> {
    const ledger = this.engine.ledger;
    const t = ledger.totals;
    const models: ModelShare[] = [];
    for (const [model, tally] of ledger.cube.byModel) {
      const name = ledger.models.name(model);
      if (name === NO_MODEL || name === '<synthetic>') continue;
      models.push({ model: name, cost: tally.cost, tokens: tally.tokens, messages: tally.messages });
    }
    return {
      timestamp: now,
      total_requests: t.messages + t.failed,
      successful_requests: t.messages,
      failed_requests: t.failed,
      avg_response_time: Math.round(avgResponseTimeMs),
      total_cost: t.cost,
      total_tokens: t.tokens,
      messages_count: t.messages,
      input_tokens: t.input,
      output_tokens: t.output,
      cache_creation_tokens: t.cacheCreation,
      cache_read_tokens: t.cacheRead,
      models,
    };
  }

  #health(now: number): IngestHealth {
    const c = this.engine.counters;
    // A count that changes as time passes, not only with the data: kept per (usage version, 15-minute cell).
    const key = `${this.engine.ledger.version}|${Math.floor(now / BUCKET_MS)}`;
    if (this.#future.key !== key) this.#future = { key, count: futureResponses(this.engine.ledger.cube, now) };
    return {
      files_tracked: this.engine.filesTracked,
      bytes_read: c.bytesRead,
      lines_scanned: c.linesScanned,
      parse_errors: c.malformedLines,
      invalid_lines: c.invalidLines,
      invalid_timestamps: c.badTimestampLines,
      future_lines: this.#future.count,
      oversized_lines: c.oversizedLines,
      duplicate_lines: c.duplicateLines,
      unreadable_files: c.unreadableFiles,
      skipped_dirs: c.skippedDirs,
      unpriced_models: [...this.#unpriced],
      store_error: this.#writer?.failure ?? null,
    };
  }
}
