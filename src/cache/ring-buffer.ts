// A fixed-capacity circular buffer of time-stamped snapshots: O(1) push, O(log n) lookup by time range.

export interface RingBufferOptions<T> {
  /** How many items are kept before the oldest is overwritten; 3600 is an hour of 1 s snapshots. */
  readonly capacity?: number;
  /** The item's timestamp, in whatever unit the caller queries with (cco uses epoch ms). */
  readonly timestampOf: (item: T) => number;
}

/**
 * Keeps the newest `capacity` items in push order. Pushes must come in non-decreasing timestamp order
 * (equal timestamps are fine) so that `range` can binary-search; an older push throws a RangeError and
 * leaves the buffer unchanged, since silently reordering or re-stamping a snapshot would hide a clock bug.
 */
export class RingBuffer<T> {
  readonly capacity: number;
  readonly #timestampOf: (item: T) => number;
  #slots: (T | undefined)[];
  /** Physical index of the oldest item. */
  #head = 0;
  #size = 0;

  constructor({ capacity = 3600, timestampOf }: RingBufferOptions<T>) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#timestampOf = timestampOf;
    this.#slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends `item`, overwriting the oldest one when full. Throws RangeError for a NaN or out-of-order timestamp. */
  push(item: T): void {
    const ts = this.#timestampOf(item);
    const last = this.latest();
    if (Number.isNaN(ts) || (last !== undefined && ts < this.#timestampOf(last))) {
      throw new RangeError(`ring buffer push out of order: ${ts} is older than the latest item`);
    }
    if (this.#size < this.capacity) {
      this.#slots[(this.#head + this.#size) % this.capacity] = item;
      this.#size++;
    } else {
      this.#slots[this.#head] = item;
      this.#head = (this.#head + 1) % this.capacity;
    }
  }

  /** The newest item, or undefined when empty. */
  latest(): T | undefined {
    return this.#size === 0 ? undefined : this.#at(this.#size - 1);
  }

  /** Items with start ≤ timestamp ≤ end (both bounds inclusive), oldest first; empty when start > end. */
  range(start: number, end: number): T[] {
    const from = this.#firstIndex((ts) => ts >= start);
    const to = this.#firstIndex((ts) => ts > end);
    const out: T[] = [];
    for (let i = from; i < to; i++) out.push(this.#at(i));
    return out;
  }

  /** Every item, oldest first. */
  all(): T[] {
    return Array.from({ length: this.#size }, (_, i) => this.#at(i));
  }

  clear(): void {
    this.#slots = new Array<T | undefined>(this.capacity); // drops references so old snapshots can be collected
    this.#head = 0;
    this.#size = 0;
  }

  /** The item at logical index i (0 = oldest); callers keep i within [0, size). */
  #at(i: number): T {
    return this.#slots[(this.#head + i) % this.capacity] as T;
  }

  /** Lowest logical index whose timestamp satisfies a predicate that is monotone in time, or size if none does. */
  #firstIndex(matches: (ts: number) => boolean): number {
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (matches(this.#timestampOf(this.#at(mid)))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
