// Usage over time in fixed-width buckets (sparse): cost, tokens and responses per bucket, keyed by the entries' own
// timestamps. Tracks which buckets changed so another thread can keep a copy in step with small deltas.

/** One bucket's sums: [cost USD, tokens, messages]. */
export type BucketSums = [cost: number, tokens: number, messages: number];

/** `[bucket start (epoch ms), cost, tokens, messages]`, the absolute value of a changed bucket. */
export type BucketUpdate = [start: number, cost: number, tokens: number, messages: number];

export class TimeSeries {
  readonly #buckets = new Map<number, BucketSums>();
  readonly #dirty = new Set<number>();
  /** The bucket of the previous add: consecutive entries of a session mostly share one. */
  #lastIndex = Number.NaN;
  #lastSums: BucketSums | undefined;

  /** @param resolutionMs bucket width. */
  constructor(readonly resolutionMs: number) {}

  /** Adds (or with negative values removes) usage at `timestamp`. */
  add(timestamp: number, cost: number, tokens: number, messages: number): void {
    const index = Math.floor(timestamp / this.resolutionMs);
    let sums = index === this.#lastIndex ? this.#lastSums : undefined;
    if (!sums) {
      sums = this.#buckets.get(index);
      if (!sums) this.#buckets.set(index, (sums = [0, 0, 0]));
      this.#dirty.add(index);
      this.#lastIndex = index;
      this.#lastSums = sums;
    }
    sums[0] += cost;
    sums[1] += tokens;
    sums[2] += messages;
    if (sums[1] === 0 && sums[2] === 0) {
      this.#buckets.delete(index);
      this.#forgetLast();
    }
  }

  #forgetLast(): void {
    this.#lastIndex = Number.NaN;
    this.#lastSums = undefined;
  }

  /** Applies updates taken from another series (absolute values). */
  apply(updates: readonly BucketUpdate[]): void {
    this.#forgetLast();
    for (const [start, cost, tokens, messages] of updates) {
      const index = Math.floor(start / this.resolutionMs);
      if (tokens === 0 && messages === 0) this.#buckets.delete(index);
      else this.#buckets.set(index, [cost, tokens, messages]);
    }
  }

  /** The changed buckets since the last call, as absolute values. */
  takeUpdates(): BucketUpdate[] {
    this.#forgetLast();
    const out: BucketUpdate[] = [];
    for (const index of this.#dirty) {
      const sums = this.#buckets.get(index) ?? [0, 0, 0];
      out.push([index * this.resolutionMs, sums[0], sums[1], sums[2]]);
    }
    this.#dirty.clear();
    return out;
  }

  /** Every bucket, as absolute values (start, cost, tokens, messages), unordered. */
  entries(): BucketUpdate[] {
    return [...this.#buckets].map(([index, s]) => [index * this.resolutionMs, s[0], s[1], s[2]]);
  }

  /** Drops buckets that start before `before` (their updates are not reported). */
  prune(before: number): void {
    this.#forgetLast();
    const limit = Math.floor(before / this.resolutionMs);
    for (const index of this.#buckets.keys()) if (index < limit) this.#buckets.delete(index);
    for (const index of this.#dirty) if (index < limit) this.#dirty.delete(index);
  }

  get size(): number {
    return this.#buckets.size;
  }

  /** Calls fn for every bucket: start ms and its sums. */
  forEach(fn: (start: number, sums: Readonly<BucketSums>) => void): void {
    for (const [index, sums] of this.#buckets) fn(index * this.resolutionMs, sums);
  }
}
