// When the ingest thread collects its garbage. Parsing new lines leaves garbage in the ingest worker's heap that the
// collector, left to its own pace, returns late: under steady appends the daemon's RSS then saws up and down by
// ~16 MB (3-minute soaks: 16 MB range without, 11 MB collecting at most every 10 s, 7 MB after every tick). A full
// collection after a tick that read new bytes, at most once per interval, costs this background thread (nice 10) a few
// tens of ms (30-65 ms with 1 GB of logs counted) per interval, and nothing while the logs are idle.

/** Default: at most one forced collection per 4 s (every other tick at the default 2 s interval). */
export const GC_INTERVAL_MS = 4_000;

export class GcPacer {
  #last = Number.NEGATIVE_INFINITY;

  constructor(private readonly intervalMs = GC_INTERVAL_MS) {}

  /** Whether to collect now, after a tick that read `bytesRead` bytes, at monotonic time `nowMs`. */
  due(bytesRead: number, nowMs: number): boolean {
    if (bytesRead === 0 || nowMs - this.#last < this.intervalMs) return false;
    this.#last = nowMs;
    return true;
  }
}
