// Claude's 5-hour billing blocks, kept incrementally in the ingest worker. Entries are held as group indices sorted by
// time (12 bytes each); a tick merges its new entries in and re-scans only from the last block boundary before the
// earliest change, so a live tick costs the open block, not the history. Rules as ccusage's `blocks`: a block starts
// at the UTC hour of its first entry and takes entries while they are within 5 h of its start and of the previous
// entry. Times are kept to the second (as the response store keeps them), as doubles: dates before 1970 or after 2106
// keep their place.
import type { BlockSummary, BlockUpdate } from './outputs.ts';
import type { TokenCounts } from './types.ts';

/** Block length, s. */
export const BLOCK_SECONDS = 5 * 3600;

/** What a block needs to know of one entry. */
export interface BlockEntry {
  readonly tokens: TokenCounts;
  /** USD. */
  readonly cost: number;
  /** Model name, or undefined for lines without one and API errors (not listed per block, as ccusage). */
  readonly model: string | undefined;
  /** Epoch ms at which the plan limit resets, when the entry is a `usage limit reached` API error. */
  readonly limitResetAt?: number;
}

interface OpenBlock {
  /** Position of its first entry in the sorted order. */
  readonly firstPos: number;
  /** s. */
  readonly start: number;
  readonly first: number;
  last: number;
  entries: number;
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  cost: number;
  readonly models: Set<string>;
  limitResetAt: number | undefined;
}

const summary = (b: OpenBlock): BlockSummary => ({
  start: b.start * 1000,
  firstEntry: b.first * 1000,
  lastEntry: b.last * 1000,
  entries: b.entries,
  input: b.input,
  output: b.output,
  cacheCreation: b.cacheCreation,
  cacheRead: b.cacheRead,
  cost: b.cost,
  models: [...b.models],
  limitResetAt: b.limitResetAt,
});

export class BillingBlocks {
  /** Group indices sorted by time, and their times (s), in step. */
  #order = new Uint32Array(0);
  #seconds = new Float64Array(0);
  #size = 0;
  /** Entries added since the last refresh, in arrival order (typed: a cold start adds millions). */
  #pendingGroups = new Uint32Array(1024);
  #pendingSeconds = new Float64Array(1024);
  #pendingSize = 0;
  /** Replaced entries and their new time (s); moved at the next refresh, in one pass however many there are. */
  readonly #replaced = new Map<number, number>();
  /** Lowest sorted position changed since the last refresh. */
  #dirtyFrom = Number.POSITIVE_INFINITY;
  readonly #blocks: OpenBlock[] = [];
  /** The first refresh always answers (an empty list is news too). */
  #refreshed = false;

  get size(): number {
    return this.#size + this.#pendingSize;
  }

  /** Bytes held by the sorted entries. */
  get byteLength(): number {
    return (
      this.#order.byteLength +
      this.#seconds.byteLength +
      this.#pendingGroups.byteLength +
      this.#pendingSeconds.byteLength
    );
  }

  /** A new entry at `timestampMs`. */
  add(group: number, timestampMs: number): void {
    if (this.#pendingSize === this.#pendingGroups.length) {
      const groups = new Uint32Array(this.#pendingGroups.length * 2);
      const seconds = new Float64Array(groups.length);
      groups.set(this.#pendingGroups);
      seconds.set(this.#pendingSeconds);
      this.#pendingGroups = groups;
      this.#pendingSeconds = seconds;
    }
    this.#pendingGroups[this.#pendingSize] = group;
    this.#pendingSeconds[this.#pendingSize++] = Math.floor(timestampMs / 1000);
  }

  /** An entry whose surviving copy changed (dedup replacement): its time and figures may differ. */
  replace(group: number, timestampMs: number): void {
    this.#replaced.set(group, Math.floor(timestampMs / 1000));
  }

  /** Merges what was added, recomputes the blocks that may have changed; undefined when nothing did. */
  refresh(read: (group: number) => BlockEntry): BlockUpdate | undefined {
    this.#takeReplaced();
    this.#merge();
    if (this.#dirtyFrom === Number.POSITIVE_INFINITY && this.#refreshed) return undefined;
    this.#refreshed = true;
    // Restart at the last block boundary before the change: the scan up to there is untouched, so it stays a boundary.
    let from = this.#blocks.length;
    while (from > 0 && (this.#blocks[from - 1] as OpenBlock).firstPos >= this.#dirtyFrom) from--;
    if (from > 0) from--;
    const startPos = this.#blocks[from]?.firstPos ?? 0;
    this.#blocks.length = from;
    let block: OpenBlock | undefined;
    for (let pos = startPos; pos < this.#size; pos++) {
      const seconds = this.#seconds[pos] as number;
      if (!block || seconds - block.start > BLOCK_SECONDS || seconds - block.last > BLOCK_SECONDS) {
        block = {
          firstPos: pos,
          start: Math.floor(seconds / 3600) * 3600, // (the hour before, for times before 1970 too)
          first: seconds,
          last: seconds,
          entries: 0,
          input: 0,
          output: 0,
          cacheCreation: 0,
          cacheRead: 0,
          cost: 0,
          models: new Set(),
          limitResetAt: undefined,
        };
        this.#blocks.push(block);
      }
      const entry = read(this.#order[pos] as number);
      block.last = seconds;
      block.entries++;
      block.input += entry.tokens.input;
      block.output += entry.tokens.output;
      block.cacheCreation += entry.tokens.cacheCreation5m + entry.tokens.cacheCreation1h;
      block.cacheRead += entry.tokens.cacheRead;
      block.cost += entry.cost;
      if (entry.model !== undefined) block.models.add(entry.model);
      // (the first announcement in the block, as ccusage's blocks report gives it)
      block.limitResetAt ??= entry.limitResetAt;
    }
    this.#dirtyFrom = Number.POSITIVE_INFINITY;
    return { from, blocks: this.#blocks.slice(from).map(summary) };
  }

  /** Takes replaced entries out of the sorted and pending entries and queues them again at their new time. */
  #takeReplaced(): void {
    if (this.#replaced.size === 0) return;
    const replaced = this.#replaced;
    let kept = 0;
    for (let pos = 0; pos < this.#size; pos++) {
      const group = this.#order[pos] as number;
      if (replaced.has(group)) {
        // Its figures changed even where its place did not: the blocks from here on are recomputed.
        this.#dirtyFrom = Math.min(this.#dirtyFrom, kept);
        continue;
      }
      this.#order[kept] = group;
      this.#seconds[kept++] = this.#seconds[pos] as number;
    }
    this.#size = kept;
    let queued = 0;
    for (let p = 0; p < this.#pendingSize; p++) {
      const group = this.#pendingGroups[p] as number;
      if (replaced.has(group)) continue;
      this.#pendingGroups[queued] = group;
      this.#pendingSeconds[queued++] = this.#pendingSeconds[p] as number;
    }
    this.#pendingSize = queued;
    for (const [group, seconds] of replaced) this.add(group, seconds * 1000);
    replaced.clear();
  }

  /** Merges the pending entries into the sorted arrays, from the back (only the tail after the first insert moves). */
  #merge(): void {
    const count = this.#pendingSize;
    if (count === 0) return;
    this.#pendingSize = 0;
    const pendingSeconds = this.#pendingSeconds;
    const pendingGroups = this.#pendingGroups;
    // Arrival order within a second is kept (files are read in path order, as ccusage sorts).
    const byTime = new Uint32Array(count)
      .map((_, i) => i)
      .sort((a, b) => (pendingSeconds[a] as number) - (pendingSeconds[b] as number) || a - b);
    const total = this.#size + count;
    if (total > this.#order.length) {
      const capacity = Math.max(1024, Math.ceil(total * 1.5));
      const order = new Uint32Array(capacity);
      const seconds = new Float64Array(capacity);
      order.set(this.#order.subarray(0, this.#size));
      seconds.set(this.#seconds.subarray(0, this.#size));
      this.#order = order;
      this.#seconds = seconds;
    }
    let i = this.#size - 1;
    let j = count - 1;
    let k = total - 1;
    while (j >= 0) {
      const p = byTime[j] as number;
      const seconds = pendingSeconds[p] as number;
      if (i >= 0 && (this.#seconds[i] as number) > seconds) {
        this.#order[k] = this.#order[i] as number;
        this.#seconds[k] = this.#seconds[i] as number;
        i--;
      } else {
        this.#order[k] = pendingGroups[p] as number;
        this.#seconds[k] = seconds;
        j--;
      }
      k--;
    }
    if (this.#pendingGroups.length > 4096 && count < this.#pendingGroups.length / 4) {
      // Give back what a cold start needed.
      this.#pendingGroups = new Uint32Array(1024);
      this.#pendingSeconds = new Float64Array(1024);
    }
    this.#size = total;
    // k + 1 is where the earliest new entry landed.
    this.#dirtyFrom = Math.min(this.#dirtyFrom, k + 1);
  }
}
