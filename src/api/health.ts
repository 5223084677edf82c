// Response schema of GET /api/health.
import { t } from 'elysia';

/** Remote write (`--remote-write`): what waits, what went, what failed. */
export const RemoteWriteHealth = t.Object({
  url: t.String({ description: 'the receiver, without credentials or query' }),
  pending_samples: t.Integer({ description: 'samples not yet accepted (kept in the store, sent oldest first)' }),
  sent_samples: t.Integer({ description: 'samples accepted since start' }),
  dropped_samples: t.Integer({
    description: 'samples refused by the receiver (a 4xx other than 429) or dropped from a full backlog since start',
  }),
  failed_requests: t.Integer({ description: 'requests retried since start (network error, timeout, 5xx, 429)' }),
  last_error: t.Union([t.String(), t.Null()], {
    description: 'why the latest request failed; null when it went through',
  }),
});

export type RemoteWriteStatus = typeof RemoteWriteHealth.static;

export const HealthResponse = t.Object({
  status: t.UnionEnum(['ok', 'unresponsive'], {
    description:
      '"ok", or "unresponsive" (HTTP 503) when the app thread serving every other route has not run for a while',
  }),
  version: t.String({ description: 'cco version' }),
  pid: t.Integer({ description: "the daemon's process id ('cco daemon stop' checks it before signalling)" }),
  uptime_s: t.Number({ description: 'seconds since the daemon started' }),
  app_responsive: t.Boolean({
    description:
      'whether the app thread (every route but /api/stats, /api/health and /api/events) ran its heartbeat recently (5 s)',
  }),
  interval_s: t.Number({ description: 'aggregation interval' }),
  ready: t.Boolean({ description: 'false until the first ingest has finished' }),
  last_tick: t.Union([
    t.Object({ at: t.String({ format: 'date-time' }), duration_ms: t.Number(), bytes_read: t.Integer() }),
    t.Null(),
  ]),
  failed_ticks: t.Integer(),
  files_tracked: t.Integer(),
  bytes_read: t.Integer({ description: 'bytes of logs read since start' }),
  lines_scanned: t.Integer(),
  parse_errors: t.Integer({ description: 'malformed JSON lines that mention usage' }),
  invalid_lines: t.Integer({ description: 'usage lines with bad fields (timestamp, token counts)' }),
  invalid_timestamps: t.Integer({
    description:
      "of the invalid lines, those whose timestamp is not ISO 8601 with a zone (Z or ±HH:MM); a zone-less time is refused, never read in the server's zone",
  }),
  future_lines: t.Integer({
    description:
      'responses dated after now (a clock ahead, an edited file): counted under their own dates, in `all` but not in today, week or month until then',
  }),
  skipped_files: t.Integer({ description: 'unreadable files, unreadable folders and lines over the size limit' }),
  unpriced_models: t.Array(t.String(), { description: 'models with no known price (cost counted as 0)' }),
  store_error: t.Union([t.String(), t.Null()], {
    description:
      'why the store cannot be opened or written now (figures are served from memory, retried, and saved once it works); null when fine or not persisting',
  }),
  remote_write: t.Union([RemoteWriteHealth, t.Null()], { description: 'null without --remote-write' }),
});
