// The shapes of remote write: its settings (plain data, posted to the ingest worker), series, the backlog, the status.

/** `[remote_write]` of the config file, or `--remote-write URL`; secrets already read into `headers`. */
export interface RemoteWriteConfig {
  /** The receiver's push endpoint, e.g. http://prometheus:9090/api/v1/write. */
  readonly url: string;
  /** Sent with every request: Authorization (bearer or basic) and the extra headers of the config file. */
  readonly headers: Readonly<Record<string, string>>;
  /** One sample of every series per interval, ms (default 15 s). */
  readonly intervalMs: number;
  /** How long one request may take before it counts as failed and is retried, ms (default 10 s). */
  readonly timeoutMs: number;
  /** Samples kept for a receiver that cannot take them (oldest dropped past this). */
  readonly maxBacklogSamples: number;
}

/** A series' labels, `__name__` included, sorted by name (as remote write requires). */
export type SeriesLabels = readonly (readonly [name: string, value: string])[];

/** One series with its samples, oldest first: `[timestamp ms, value]`. */
export interface SeriesSamples {
  readonly labels: SeriesLabels;
  readonly samples: readonly (readonly [ts: number, value: number])[];
}

/** The oldest samples waiting, grouped by series. */
export interface BacklogBatch {
  readonly series: readonly SeriesSamples[];
  readonly sampleCount: number;
  /** Timestamp of the newest interval in the batch: `drop(throughTs)` removes exactly this batch. */
  readonly throughTs: number;
}

/**
 * Samples not yet accepted, one row per interval, oldest first: in the store (kept across restarts) or in memory.
 * A series is named by its labels' key (`seriesKey`).
 */
export interface PushBacklog {
  /** Adds one interval: every series' value at `ts`. */
  append(ts: number, samples: readonly (readonly [key: string, value: number])[]): void;
  /** The oldest intervals, whole, up to about `maxSamples` (at least one interval); undefined when empty. */
  oldest(maxSamples: number): BacklogBatch | undefined;
  /** Removes every interval up to and including `throughTs`. */
  drop(throughTs: number): void;
  /** Removes the oldest intervals until at most `maxSamples` remain; returns the samples removed. */
  trim(maxSamples: number): number;
  readonly sampleCount: number;
}

/** What /api/health and /metrics say about remote write. */
export type { RemoteWriteStatus } from '../api/health.ts';

/** A canonical key for a label set (sorted JSON), the same in the store and in memory. */
export const seriesKey = (labels: SeriesLabels): string => JSON.stringify(labels);

export const labelsOfKey = (key: string): SeriesLabels => JSON.parse(key) as SeriesLabels;
