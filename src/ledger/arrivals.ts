// The responses accepted since the last take, the last `limit` kept: what the SSE `call` events of one tick report.
import type { RecentCall } from './outputs.ts';

export interface Arrivals {
  /** Oldest first. */
  readonly calls: readonly RecentCall[];
  /** Arrivals beyond the limit, left out (the oldest ones). */
  readonly omitted: number;
}

export class ArrivalLog {
  #calls: RecentCall[] = [];
  #count = 0;

  constructor(readonly limit: number) {}

  push(call: RecentCall): void {
    this.#count++;
    this.#calls.push(call);
    // Trimmed in batches, so a cold start over millions of lines stays O(1) per line and bounded in memory.
    if (this.#calls.length >= 2 * this.limit) this.#calls.splice(0, this.#calls.length - this.limit);
  }

  /** Everything since the last take, by response time; clears the log. */
  take(): Arrivals {
    const calls = this.#calls.sort((a, b) => a.timestamp - b.timestamp).slice(-this.limit);
    const omitted = this.#count - calls.length;
    this.#calls = [];
    this.#count = 0;
    return { calls, omitted };
  }
}
