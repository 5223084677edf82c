// Pushes the usage counters to a remote-write receiver: each tick that is an interval past the last sample appends
// every series' value to the backlog, and a send loop off the tick path drains the backlog oldest first. A receiver
// that is down, slow or answering 5xx/429 only makes the backlog wait (retried with backoff, bounded); a 4xx other
// than 429 is logged once and the refused samples dropped.
import type { UsageSeries } from '../ledger/outputs.ts';
import { usageFamilies, type MetricFamily } from '../ledger/usage-metrics.ts';
import { sendBatch } from './send.ts';
import { seriesKey, type PushBacklog, type RemoteWriteConfig, type RemoteWriteStatus } from './types.ts';

/** Samples per request at most (a whole interval always goes in one request). */
export const MAX_SAMPLES_PER_REQUEST = 5_000;

export interface RemoteWriterOptions {
  readonly config: RemoteWriteConfig;
  /** The `machine` label on every series. */
  readonly machine: string;
  readonly backlog: PushBacklog;
  readonly warn: (message: string) => void;
  readonly userAgent: string;
}

/** The URL without credentials or query, for log lines. */
const shown = (url: string): string => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
};

export class RemoteWriter {
  readonly #o: RemoteWriterOptions;
  readonly #cancel = new AbortController();
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  #lastSampleAt: number | undefined;
  #sending: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waiting = false;
  #backoffMs = 0;
  #closed = false;
  #failing = false;
  #fullWarned = false;
  readonly #refusals = new Set<string>();
  #status = { sent_samples: 0, dropped_samples: 0, failed_requests: 0, last_error: null as string | null };

  constructor(options: RemoteWriterOptions) {
    this.#o = options;
    const interval = options.config.intervalMs;
    this.#minBackoffMs = Math.min(interval, 1_000);
    this.#maxBackoffMs = Math.min(60_000, Math.max(5_000, 4 * interval));
    // A backlog kept by the previous run goes out at once.
    if (options.backlog.sampleCount > 0) this.#schedule(0);
  }

  get status(): RemoteWriteStatus {
    return { url: shown(this.#o.config.url), pending_samples: this.#o.backlog.sampleCount, ...this.#status };
  }

  /**
   * After each tick: samples every series when an interval has passed since the last sample (tick time, ms); `gauges`
   * (the plan limits) go with the usage counters.
   */
  record(now: number, usage: readonly UsageSeries[], gauges: readonly MetricFamily[] = []): void {
    if (this.#closed || (usage.length === 0 && gauges.every((g) => g.samples.length === 0))) return;
    const last = this.#lastSampleAt;
    // (a tick a little early still counts; a clock set back waits until it passes the last sample again)
    if (last !== undefined && now - last < this.#o.config.intervalMs * 0.9) return;
    this.#lastSampleAt = now;
    const samples: [string, number][] = [];
    for (const family of [...usageFamilies(usage), ...gauges]) {
      for (const [labels, value] of family.samples) {
        const pairs = Object.entries({ ...labels, machine: this.#o.machine, __name__: family.name });
        samples.push([seriesKey(pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), value]);
      }
    }
    const { backlog, config } = this.#o;
    backlog.append(now, samples);
    const trimmed = backlog.trim(config.maxBacklogSamples);
    if (trimmed > 0) {
      this.#status.dropped_samples += trimmed;
      if (!this.#fullWarned)
        this.#o.warn(
          `remote write to ${shown(config.url)}: backlog full (${config.maxBacklogSamples} samples); dropping the oldest (the counters are cumulative: the newest carry the totals)`,
        );
      this.#fullWarned = true;
    }
    if (!this.#waiting) this.#schedule(0);
  }

  /** Stops sending (a request in flight is cancelled; what it carried stays in the backlog). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#cancel.abort();
    await this.#sending;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#waiting = delayMs > 0;
    // (off the tick's own path even when due at once: the tick's result is handed over first)
    this.#timer = setTimeout(() => {
      this.#waiting = false;
      this.#sending ??= this.#drain().finally(() => (this.#sending = undefined));
    }, delayMs);
  }

  async #drain(): Promise<void> {
    const { backlog, config } = this.#o;
    for (;;) {
      if (this.#closed) return;
      const batch = backlog.oldest(MAX_SAMPLES_PER_REQUEST);
      if (!batch) return;
      const outcome = await sendBatch(config, batch, this.#o.userAgent, this.#cancel.signal);
      if (this.#closed) return;
      if (outcome.kind === 'retry') {
        this.#status.failed_requests++;
        this.#status.last_error = outcome.reason;
        if (!this.#failing)
          this.#o.warn(
            `remote write to ${shown(config.url)} failed (${outcome.reason}); keeping the samples and retrying with backoff`,
          );
        this.#failing = true;
        this.#backoffMs = Math.min(this.#maxBackoffMs, Math.max(this.#minBackoffMs, this.#backoffMs * 2));
        const wait = outcome.retryAfterMs === undefined ? this.#backoffMs : Math.min(outcome.retryAfterMs, 300_000);
        return this.#schedule(Math.max(1, wait));
      }
      backlog.drop(batch.throughTs);
      if (outcome.kind === 'refused') {
        this.#status.dropped_samples += batch.sampleCount;
        const status = outcome.reason.split(':')[0] ?? outcome.reason;
        if (!this.#refusals.has(status))
          this.#o.warn(
            `remote write to ${shown(config.url)} refused ${batch.sampleCount} samples (${outcome.reason}); dropped them (not retried; logged once)`,
          );
        this.#refusals.add(status);
      } else this.#status.sent_samples += batch.sampleCount;
      this.#status.last_error = outcome.kind === 'refused' ? outcome.reason : null;
      this.#backoffMs = 0;
      this.#fullWarned = false;
      if (this.#failing && outcome.kind === 'accepted')
        this.#o.warn(
          `remote write to ${shown(config.url)}: accepted again; sending the ${backlog.sampleCount} samples kept meanwhile`,
        );
      this.#failing = false;
    }
  }
}
