// The HTTP side's per-minute usage as sorted buckets with running totals, kept in step with each tick's bucket
// updates. A tick mostly rewrites or appends the latest minutes, so keeping it costs what changed; the totals up to
// any instant are then one binary search, and a history answer costs its points, not the year of minutes behind it.
import type { BucketUpdate } from '../ledger/time-series.ts';

/** Sums up to some instant: USD, tokens, responses. */
export interface Totals {
  readonly cost: number;
  readonly tokens: number;
  readonly messages: number;
}

const ZERO: Totals = { cost: 0, tokens: 0, messages: 0 };

/** Update positions per bucket, at most this many in one batch for the fast sort below. */
const POSITION_SPAN = 2 ** 21;

/**
 * The updates of a batch by bucket, oldest first, the last update of a bucket winning: `starts[i]` is the bucket of
 * `updates[picks[i]]`. A cold start brings a year of minutes, so the sort is a native one over (bucket, position)
 * packed into one exact double, not a comparator over arrays.
 */
function byBucket(
  updates: readonly BucketUpdate[],
  resolutionMs: number,
): { starts: Float64Array; picks: Uint32Array } {
  const n = updates.length;
  const packed = new Float64Array(n);
  let packable = n < POSITION_SPAN;
  for (let i = 0; i < n && packable; i++) {
    const bucket = Math.floor((updates[i] as BucketUpdate)[0] / resolutionMs);
    packable = Math.abs(bucket) < 2 ** 31;
    packed[i] = bucket * POSITION_SPAN + i;
  }
  let order: Uint32Array;
  if (packable) {
    packed.sort();
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++)
      order[i] = (packed[i] as number) - Math.floor((packed[i] as number) / POSITION_SPAN) * POSITION_SPAN;
  } else {
    const bucketOf = (i: number) => Math.floor((updates[i] as BucketUpdate)[0] / resolutionMs);
    order = new Uint32Array(n).map((_, i) => i).sort((x, y) => bucketOf(x) - bucketOf(y) || x - y);
  }
  const starts = new Float64Array(n);
  const picks = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const p = order[i] as number;
    const start = Math.floor((updates[p] as BucketUpdate)[0] / resolutionMs) * resolutionMs;
    if (k > 0 && starts[k - 1] === start) picks[k - 1] = p;
    else {
      starts[k] = start;
      picks[k++] = p;
    }
  }
  return { starts: starts.subarray(0, k), picks: picks.subarray(0, k) };
}

export class CumulativeSeries {
  #starts = new Float64Array(0);
  #cost = new Float64Array(0);
  #tokens = new Float64Array(0);
  #messages = new Float64Array(0);
  /** Running totals through each bucket, valid below `#validTo`. */
  #runCost = new Float64Array(0);
  #runTokens = new Float64Array(0);
  #runMessages = new Float64Array(0);
  #size = 0;
  #validTo = 0;

  /** @param resolutionMs bucket width. */
  constructor(readonly resolutionMs: number) {}

  get size(): number {
    return this.#size;
  }

  /** Start of the oldest bucket (epoch ms), or undefined when there is none. */
  get oldest(): number | undefined {
    return this.#size > 0 ? this.#starts[0] : undefined;
  }

  /** Takes in absolute bucket values (a bucket with no tokens and no responses is removed). */
  apply(updates: readonly BucketUpdate[]): void {
    const { starts, picks } = byBucket(updates, this.resolutionMs);
    const added: BucketUpdate[] = [];
    let removed = false;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i] as number;
      const u = updates[picks[i] as number] as BucketUpdate;
      const pos = this.#lowerBound(start);
      const found = pos < this.#size && this.#starts[pos] === start;
      const empty = u[2] === 0 && u[3] === 0;
      if (found) {
        this.#set(pos, empty ? Number.NaN : u[1], u[2], u[3]);
        removed ||= empty;
        this.#validTo = Math.min(this.#validTo, pos);
      } else if (!empty) added.push([start, u[1], u[2], u[3]]);
    }
    if (added.length > 0 || removed) this.#merge(added, removed);
  }

  /** Totals of the buckets that start before `t` (epoch ms). */
  before(t: number): Totals {
    const pos = this.#lowerBound(t);
    if (pos === 0) return ZERO;
    this.#accumulate(pos);
    const i = pos - 1;
    return {
      cost: this.#runCost[i] as number,
      tokens: this.#runTokens[i] as number,
      messages: this.#runMessages[i] as number,
    };
  }

  /** Calls fn for every bucket, oldest first: start ms and its sums. */
  forEach(fn: (start: number, cost: number, tokens: number, messages: number) => void): void {
    for (let i = 0; i < this.#size; i++)
      fn(this.#starts[i] as number, this.#cost[i] as number, this.#tokens[i] as number, this.#messages[i] as number);
  }

  #set(i: number, cost: number, tokens: number, messages: number): void {
    this.#cost[i] = cost;
    this.#tokens[i] = tokens;
    this.#messages[i] = messages;
  }

  /** First position whose start is at or after `t`. */
  #lowerBound(t: number): number {
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#starts[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Brings the running totals up to date below `end`. */
  #accumulate(end: number): void {
    let i = this.#validTo;
    if (i >= end) return;
    let cost = i > 0 ? (this.#runCost[i - 1] as number) : 0;
    let tokens = i > 0 ? (this.#runTokens[i - 1] as number) : 0;
    let messages = i > 0 ? (this.#runMessages[i - 1] as number) : 0;
    for (; i < end; i++) {
      cost += this.#cost[i] as number;
      tokens += this.#tokens[i] as number;
      messages += this.#messages[i] as number;
      this.#runCost[i] = cost;
      this.#runTokens[i] = tokens;
      this.#runMessages[i] = messages;
    }
    this.#validTo = end;
  }

  /** Merges sorted new buckets in and drops removed ones (cost NaN); appends at the end move nothing. */
  #merge(added: readonly BucketUpdate[], removed: boolean): void {
    const first = added[0];
    const appendOnly =
      !removed && first !== undefined && (this.#size === 0 || first[0] > (this.#starts[this.#size - 1] as number));
    const capacity = this.#size + added.length;
    if (capacity > this.#starts.length) this.#grow(Math.max(1024, Math.ceil(capacity * 1.5)));
    if (appendOnly) {
      this.#validTo = Math.min(this.#validTo, this.#size);
      for (const [start, cost, tokens, messages] of added) {
        this.#starts[this.#size] = start;
        this.#set(this.#size++, cost, tokens, messages);
      }
      return;
    }
    const starts = this.#starts.slice(0, this.#size);
    const cost = this.#cost.slice(0, this.#size);
    const tokens = this.#tokens.slice(0, this.#size);
    const messages = this.#messages.slice(0, this.#size);
    let i = 0;
    let j = 0;
    let k = 0;
    let changedFrom = Number.POSITIVE_INFINITY;
    while (i < starts.length || j < added.length) {
      const next = added[j];
      if (i < starts.length && (next === undefined || (starts[i] as number) < next[0])) {
        if (Number.isNaN(cost[i])) changedFrom = Math.min(changedFrom, k);
        else {
          this.#starts[k] = starts[i] as number;
          this.#set(k++, cost[i] as number, tokens[i] as number, messages[i] as number);
        }
        i++;
      } else if (next) {
        changedFrom = Math.min(changedFrom, k);
        this.#starts[k] = next[0];
        this.#set(k++, next[1], next[2], next[3]);
        j++;
      }
    }
    this.#size = k;
    this.#validTo = Math.min(this.#validTo, changedFrom, k);
  }

  #grow(capacity: number): void {
    const grown = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a.subarray(0, this.#size));
      return b;
    };
    this.#starts = grown(this.#starts);
    this.#cost = grown(this.#cost);
    this.#tokens = grown(this.#tokens);
    this.#messages = grown(this.#messages);
    this.#runCost = new Float64Array(capacity);
    this.#runTokens = new Float64Array(capacity);
    this.#runMessages = new Float64Array(capacity);
    this.#validTo = 0;
  }
}
