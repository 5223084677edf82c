// Types that cross from the ingest side (worker) to the HTTP side: snapshots, stats bodies, tick results.
import type { BucketUpdate } from './time-series.ts';
import type { TimeRangeName } from '../api/values.ts';
import type { RemoteWriteStatus } from '../api/health.ts';
import type { ReportUpdate } from './report-wire.ts';
import type { LimitSample } from './limit-samples.ts';

/** Per-model figures inside a snapshot. */
export interface ModelShare {
  readonly model: string;
  /** USD. */
  readonly cost: number;
  readonly tokens: number;
  readonly messages: number;
}

/** One point of the in-memory history: the seed's StatsSnapshot plus tokens by kind and a per-model breakdown. */
export interface StatsSnapshot {
  /** Epoch ms. */
  readonly timestamp: number;
  readonly total_requests: number;
  readonly successful_requests: number;
  readonly failed_requests: number;
  /** Mean response time, ms. */
  readonly avg_response_time: number;
  /** Daemon uptime, s. */
  readonly uptime: number;
  readonly port: number;
  /** USD. */
  readonly total_cost: number;
  readonly total_tokens: number;
  readonly messages_count: number;
  /** Tokens by kind; null on points backfilled from entry timestamps at start-up. */
  readonly input_tokens: number | null;
  readonly output_tokens: number | null;
  readonly cache_creation_tokens: number | null;
  readonly cache_read_tokens: number | null;
  /** Empty on points backfilled from entry timestamps. */
  readonly models: readonly ModelShare[];
}

/** Figures of the ingest engine for /api/health. */
export interface IngestHealth {
  readonly files_tracked: number;
  readonly bytes_read: number;
  readonly lines_scanned: number;
  readonly parse_errors: number;
  readonly invalid_lines: number;
  /** Of the invalid lines, those whose timestamp is not ISO 8601 with a zone. */
  readonly invalid_timestamps: number;
  /** Responses dated after the current 15-minute cell (now, by the daemon's clock): in `all`, not in `today`. */
  readonly future_lines: number;
  readonly oversized_lines: number;
  readonly duplicate_lines: number;
  readonly unreadable_files: number;
  readonly skipped_dirs: number;
  readonly unpriced_models: readonly string[];
  /**
   * Why the store cannot be written or opened right now (served from memory and retried meanwhile); null when it is up
   * to date or none is configured.
   */
  readonly store_error: string | null;
  /** Remote write's state, when it is on. */
  readonly remote_write?: RemoteWriteStatus;
}

/** All-time usage of one (model, project label) pair, for the Prometheus counters. */
export interface UsageSeries {
  /** Model id as logged; `unknown` for lines without one. */
  readonly model: string;
  /** Project folder name, or `other` for projects outside the labelled top N. */
  readonly project: string;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheCreation: number;
  /** USD. */
  readonly cost: number;
  /** Deduplicated successful API responses. */
  readonly messages: number;
  readonly failed: number;
}

/** One counted response as the recent calls and the SSE `call` events show it. */
export interface RecentCall {
  /** Epoch ms of the response. */
  readonly timestamp: number;
  readonly model: string;
  readonly project: string;
  /** All kinds. */
  readonly tokens: number;
  /** USD. */
  readonly cost: number;
}

/** One 5-hour billing block with its sums (gaps between blocks are derived, not stored). */
export interface BlockSummary {
  /** Epoch ms: the UTC hour of the first entry; the block ends 5 h later. */
  readonly start: number;
  /** Epoch ms of the first and the last entry, to the second. */
  readonly firstEntry: number;
  readonly lastEntry: number;
  /** Deduplicated responses, API errors included (as ccusage). */
  readonly entries: number;
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  /** USD. */
  readonly cost: number;
  /** In order of first use. */
  readonly models: readonly string[];
  /** Epoch ms at which the plan limit resets, announced by a `usage limit reached` error in the block. */
  readonly limitResetAt: number | undefined;
}

/** Blocks from index `from` on were recomputed: replace everything from there with `blocks`. */
export interface BlockUpdate {
  readonly from: number;
  readonly blocks: readonly BlockSummary[];
}

/** Spent in a period: USD and tokens (all kinds). */
export interface PeriodSpend {
  readonly cost: number;
  readonly tokens: number;
}

/** Spent since local midnight and since the 1st of the local month, as of a tick. */
export interface Spend {
  readonly today: PeriodSpend;
  readonly month: PeriodSpend;
}

/** What one aggregation tick hands to the HTTP side. */
export interface TickResult {
  /** Epoch ms the tick started. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly bytesRead: number;
  readonly newResponses: number;
  /** The /api/stats body for each time range, serialized without its trailing `stale_s` field and closing brace. */
  readonly statsBodies: Readonly<Record<TimeRangeName, string>>;
  /** Snapshot fields that come from ingest (uptime and port are filled in by the HTTP side). */
  readonly snapshot: Omit<StatsSnapshot, 'uptime' | 'port'>;
  /** Per-minute buckets that changed (all of them on the first tick). */
  readonly minuteUpdates: readonly BucketUpdate[];
  /** First tick only: per-second buckets of the recent past, to backfill the snapshot history. */
  readonly recentSeconds?: readonly BucketUpdate[];
  readonly health: IngestHealth;
  /** Usage counters per (model, project label), all time; projects beyond the labelled top N summed as `other`. */
  readonly usage: readonly UsageSeries[];
  /** Responses that arrived in this tick, oldest first, at most ARRIVALS_PER_TAKE (500); none on the first tick (backlog). */
  readonly newCalls: readonly RecentCall[];
  /** Arrivals left out of `newCalls` by the cap. */
  readonly newCallsOmitted: number;
  /** The billing blocks that changed in this tick (all of them on the first); absent when none did. */
  readonly blocks?: BlockUpdate;
  /** Today's and this month's spend (local time), for budgets. */
  readonly spend: Spend;
  /** Report cells and session rollups that changed in this tick (all of them on the first); absent when none did. */
  readonly reports?: ReportUpdate;
  /** Plan-limit samples read in this tick (on the first, every sample kept); absent when none. */
  readonly limitSamples?: readonly LimitSample[];
}
