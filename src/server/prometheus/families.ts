// What GET /metrics exposes: usage counters named like Claude Code's own OpenTelemetry metrics, then cco's health.
import { Exposition } from './exposition.ts';
import { COST_HELP, COST_METRIC, LEGACY_COST_METRIC, usageFamilies } from '../../ledger/usage-metrics.ts';
import { limitFamilies } from '../../ledger/limit-metrics.ts';
import type { StatsCache } from '../../cache/stats-cache.ts';
import type { UsageSeries } from '../../ledger/outputs.ts';
import type { HttpRequestCounter } from './http-requests.ts';

export interface MetricSources {
  readonly cache: StatsCache;
  readonly http: HttpRequestCounter;
  /** SSE clients connected now. */
  readonly eventSubscribers: number;
  readonly version: string;
  /** The `machine` label on every sample. */
  readonly machine: string;
  /** Epoch ms of the scrape: plan-limit figures whose window has reset by then are left out. */
  readonly now: number;
}

function writeUsage(out: Exposition, usage: readonly UsageSeries[]): void {
  for (const family of usageFamilies(usage)) {
    out.counter(family.name, family.help, family.samples);
    // (the old name, kept beside Claude Code's for scrapes and dashboards written for it)
    if (family.name === COST_METRIC)
      out.counter(LEGACY_COST_METRIC, `${COST_HELP} Alias of ${COST_METRIC}.`, family.samples);
  }
}

/** The whole exposition for one scrape. */
export function renderMetrics({ cache, http, eventSubscribers, version, machine, now }: MetricSources): string {
  const out = new Exposition({ machine });
  writeUsage(out, cache.usage);
  const standings = cache.limits.standings(now, cache.spendBetween, cache.version);
  for (const family of limitFamilies(
    standings.map((s) => s.latest),
    now,
  ))
    out.gauge(family.name, family.help, family.samples);
  const h = cache.health;
  const none = {};
  out.gauge('cco_build_info', 'cco build; always 1.', [[{ version }, 1]]);
  out.gauge('cco_ready', '1 once the first ingest of the logs has finished.', [[none, cache.isReady ? 1 : 0]]);
  out.counter('cco_ingest_bytes_total', 'Bytes of transcript logs read.', [[none, h?.bytes_read ?? 0]]);
  out.counter('cco_ingest_lines_total', 'Lines of transcript logs scanned.', [[none, h?.lines_scanned ?? 0]]);
  out.counter('cco_parse_errors_total', 'Malformed JSON lines that mention usage.', [[none, h?.parse_errors ?? 0]]);
  out.counter('cco_invalid_lines_total', 'Usage lines with bad fields (timestamp, token counts).', [
    [none, h?.invalid_lines ?? 0],
  ]);
  out.counter('cco_invalid_timestamps_total', 'Usage lines refused for a timestamp that is not ISO 8601 with a zone.', [
    [none, h?.invalid_timestamps ?? 0],
  ]);
  out.counter('cco_duplicate_lines_total', 'Usage lines dropped as copies of a response already counted.', [
    [none, h?.duplicate_lines ?? 0],
  ]);
  out.gauge('cco_future_lines', 'Responses dated after now: counted under their own dates, not today.', [
    [none, h?.future_lines ?? 0],
  ]);
  out.gauge('cco_files_tracked', 'Transcript files being followed.', [[none, h?.files_tracked ?? 0]]);
  out.gauge('cco_unpriced_models', 'Models seen with no known price (their cost counts as 0).', [
    [none, h?.unpriced_models.length ?? 0],
  ]);
  out.histogram(
    'cco_tick_duration_seconds',
    'Duration of aggregation ticks (incremental ingest and rollups).',
    cache.tickDurations,
  );
  out.counter('cco_tick_failures_total', 'Aggregation ticks that failed.', [[none, cache.failedTicks]]);
  const last = cache.lastTick;
  out.gauge(
    'cco_last_tick_timestamp_seconds',
    'When the latest tick started, Unix time.',
    last ? [[none, last.at / 1000]] : [],
  );
  out.counter('cco_http_requests_total', 'HTTP requests answered, by route template and status.', http.samples());
  out.gauge('cco_event_subscribers', 'Clients connected to GET /api/events.', [[none, eventSubscribers]]);
  const push = h?.remote_write;
  if (push) {
    out.gauge('cco_remote_write_pending_samples', 'Samples waiting for the remote-write receiver to accept them.', [
      [none, push.pending_samples],
    ]);
    out.counter('cco_remote_write_sent_samples_total', 'Samples the remote-write receiver accepted.', [
      [none, push.sent_samples],
    ]);
    out.counter(
      'cco_remote_write_dropped_samples_total',
      'Samples refused by the receiver (4xx other than 429) or dropped from a full backlog.',
      [[none, push.dropped_samples]],
    );
    out.counter('cco_remote_write_failed_requests_total', 'Remote-write requests that failed and were retried.', [
      [none, push.failed_requests],
    ]);
  }
  return out.toString();
}
