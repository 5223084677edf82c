// The HTTP side's view of the metrics: the latest tick's pre-serialized bodies, the snapshot ring buffer and a copy
// of the per-minute series. Filled by the aggregator; read by routes without touching files.
import type { Clock } from '../platform/clock.ts';
import { RingBuffer } from './ring-buffer.ts';
import type { BucketUpdate } from '../ledger/time-series.ts';
import { CumulativeSeries } from './cumulative-series.ts';
import { HistoryAnswers } from './history-answers.ts';
import type { IngestHealth, Spend, StatsSnapshot, TickResult, UsageSeries } from '../ledger/outputs.ts';
import { Histogram } from './histogram.ts';
import { BlockBook } from './block-book.ts';
import { StaleBodies } from './stale-bodies.ts';
import { ReportBook } from '../reports/report-book.ts';
import { LimitBook } from './limit-book.ts';
import type { SpendBetween } from '../ledger/limit-forecast.ts';
import type { PersistedView } from '../store/usage-store.ts';
import type { TimeRangeName } from '../api/values.ts';

export interface StatsCacheOptions {
  readonly clock: Clock;
  /** Snapshots kept (default 3600). */
  readonly capacity?: number;
  readonly intervalMs: number;
  /** Wall-clock ms the daemon started, for snapshot uptime. */
  readonly startedAtMs: number;
  /** The port the daemon listens on (0 until known). */
  readonly port: () => number;
}

/** Upper bounds of the tick-duration histogram, seconds. */
export const TICK_DURATION_BOUNDS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Called after each tick has landed, with the snapshot it added. */
export type TickListener = (result: TickResult, snapshot: StatsSnapshot) => void;

export interface TickStatus {
  readonly at: number;
  readonly durationMs: number;
  readonly bytesRead: number;
}

export class StatsCache {
  readonly snapshots: RingBuffer<StatsSnapshot>;
  /** Usage per minute by the entries' own timestamps, with running totals (for history). */
  readonly minutes = new CumulativeSeries(60_000);
  /** /api/metrics/history answers, kept until the figures change. */
  readonly history = new HistoryAnswers(this);
  readonly intervalMs: number;
  /** The latest tick's /api/stats bodies (stale_s added per request). */
  readonly bodies = new StaleBodies();
  #health: IngestHealth | undefined;
  #lastTick: TickStatus | undefined;
  #failures = 0;
  #version = 0;
  #asOf: number;
  #usage: readonly UsageSeries[] = [];
  #spend: Spend | undefined;
  readonly #listeners = new Set<TickListener>();
  readonly #changeListeners = new Set<() => void>();
  /** How long ticks take (ingest work in the worker), seconds; observed here, on the HTTP thread, per tick. */
  readonly tickDurations = new Histogram(TICK_DURATION_BOUNDS_S);
  /** 5-hour billing blocks, updated by each tick. */
  readonly blocks = new BlockBook();
  /** Usage cells and session rollups for /api/reports, updated by each tick. */
  readonly reports = new ReportBook();
  /** Plan-limit samples (the status line's rate_limits, ~/.claude.json), every one kept. */
  readonly limits = new LimitBook();
  /** Local spend between two instants, from the per-minute series (for the limits' calibration). */
  readonly spendBetween: SpendBetween = (from, to) => {
    const a = this.minutes.before(from);
    const b = this.minutes.before(to);
    return { cost: b.cost - a.cost, tokens: b.tokens - a.tokens };
  };
  #markReady!: () => void;
  /** Resolves when the first tick has landed; every cold request waits on this one promise. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#markReady = resolve));

  constructor(private readonly options: StatsCacheOptions) {
    this.intervalMs = options.intervalMs;
    this.#asOf = options.clock.now();
    this.snapshots = new RingBuffer({ capacity: options.capacity ?? 3600, timestampOf: (s) => s.timestamp });
  }

  get isReady(): boolean {
    return this.bodies.latest !== undefined;
  }

  get lastTick(): TickStatus | undefined {
    return this.#lastTick;
  }

  get failedTicks(): number {
    return this.#failures;
  }

  /** Bumped whenever the figures served change (a landed tick, a restore). */
  get version(): number {
    return this.#version;
  }

  /** When the figures served were last brought up to date, epoch ms: the latest snapshot's time. */
  get asOf(): number {
    return this.#asOf;
  }

  get health(): IngestHealth | undefined {
    return this.#health;
  }

  /** All-time usage per (model, project label) as of the latest tick; empty before the first. */
  get usage(): readonly UsageSeries[] {
    return this.#usage;
  }

  /** Today's and this month's spend as of the latest tick; undefined before the first. */
  get spend(): Spend | undefined {
    return this.#spend;
  }

  /** Subscribes to landed ticks; returns the unsubscribe function. */
  onTick(listener: TickListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Subscribes to every change of what the cache serves: a landed tick, a restore, a failed tick. */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#changeListeners) listener();
  }

  /** Takes in one tick's result. Snapshot times never go backwards, even when the clock does. */
  update(result: TickResult): void {
    const wasReady = this.isReady;
    this.bodies.set(result.statsBodies, result.startedAt);
    this.#health = result.health;
    this.#lastTick = { at: result.startedAt, durationMs: result.durationMs, bytesRead: result.bytesRead };
    this.#usage = result.usage;
    this.#spend = result.spend;
    this.blocks.apply(result.blocks);
    this.reports.apply(result.reports);
    this.limits.add(result.limitSamples);
    this.tickDurations.observe(result.durationMs / 1000);
    this.minutes.apply(result.minuteUpdates);
    const timestamp = Math.max(result.startedAt, this.snapshots.latest()?.timestamp ?? 0);
    if (this.snapshots.size === 0 && result.recentSeconds) this.#backfill(result, timestamp);
    const snapshot = this.#complete({ ...result.snapshot, timestamp });
    this.snapshots.push(snapshot);
    this.#asOf = timestamp;
    this.#version++;
    if (!wasReady) this.#markReady();
    for (const listener of this.#listeners) listener(result, snapshot);
    this.#changed();
  }

  /** Serves what a previous run persisted until the first tick of this run lands (restart in milliseconds). */
  restore(view: PersistedView): void {
    if (this.isReady) return;
    this.bodies.set(view.statsBodies, view.lastTickAt);
    for (const s of JSON.parse(view.snapshotsJson) as Omit<StatsSnapshot, 'uptime' | 'port'>[]) {
      if (s.timestamp >= (this.snapshots.latest()?.timestamp ?? 0)) this.snapshots.push(this.#complete(s));
    }
    this.#asOf = this.snapshots.latest()?.timestamp ?? view.lastTickAt;
    this.#version++;
    this.#markReady();
    this.#changed();
  }

  recordFailure(): void {
    this.#failures++;
    this.#changed();
  }

  /** The /api/stats body for a range, with its staleness; undefined before the first tick. */
  statsBody(range: TimeRangeName): string | undefined {
    return this.bodies.body(range, this.options.clock.now());
  }

  #complete(s: Omit<StatsSnapshot, 'uptime' | 'port'>): StatsSnapshot {
    return {
      ...s,
      uptime: Math.max(0, Math.round((s.timestamp - this.options.startedAtMs) / 1000)),
      port: this.options.port(),
    };
  }

  /** One point per interval over the buffer's span before the first snapshot, from the entries' own timestamps. */
  #backfill(result: TickResult, now: number): void {
    const seconds = [...(result.recentSeconds ?? [])].sort((a, b) => b[0] - a[0]);
    const span = (this.snapshots.capacity - 1) * this.intervalMs;
    const points: StatsSnapshot[] = [];
    let cost = result.snapshot.total_cost;
    let tokens = result.snapshot.total_tokens;
    let messages = result.snapshot.messages_count;
    let i = 0;
    for (let t = now - this.intervalMs; t >= now - span; t -= this.intervalMs) {
      // Take out everything logged after t: what remains is the total as of t.
      for (let b: BucketUpdate | undefined = seconds[i]; b && b[0] >= t; b = seconds[++i]) {
        cost -= b[1];
        tokens -= b[2];
        messages -= b[3];
      }
      points.push(
        this.#complete({
          ...result.snapshot,
          timestamp: t,
          total_cost: cost,
          total_tokens: tokens,
          messages_count: messages,
          successful_requests: messages,
          total_requests: messages,
          failed_requests: 0,
          input_tokens: null,
          output_tokens: null,
          cache_creation_tokens: null,
          cache_read_tokens: null,
          models: [],
        }),
      );
    }
    for (let p = points.length - 1; p >= 0; p--) this.snapshots.push(points[p] as StatsSnapshot);
  }
}
