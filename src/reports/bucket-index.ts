// The book's 15-minute cells folded into UTC hours, 4-hour blocks and days (level sizes 1, 4, 16, 96 buckets, each
// dividing the next), kept in step cell by cell: a changed cell refolds only the blocks above it. Any range of
// buckets is then a handful of blocks (a local day in any zone: about a dozen), so a report over a year adds a few
// thousand folded cells instead of every cell of the year. Blocks are always refolded from their children, never
// patched by subtraction, so the sums stay as exact as a from-scratch fold.
import { addSums, sumsOf } from './report-rows.ts';

/** Buckets per block at each level above the cells. */
const SIZES = [1, 4, 16, 96] as const;

/** (model × 2¹⁶ + project) → sums (SUM_FIELDS). */
export type Cells = Map<number, Float64Array>;

export class BucketIndex {
  /** One map per level: block index → folded cells; level 0 holds the cells themselves. */
  readonly #levels: Map<number, Cells>[] = SIZES.map(() => new Map());
  /** Per level above 0: blocks whose children changed since they were last folded. */
  readonly #dirty: Set<number>[] = SIZES.map(() => new Set());
  #first = Number.POSITIVE_INFINITY;
  #last = Number.NEGATIVE_INFINITY;

  /** Bucket index → cells (level 0). */
  get buckets(): ReadonlyMap<number, ReadonlyMap<number, Float64Array>> {
    return this.#level(0);
  }

  /** First and last bucket index that ever held usage since the last clear (bounds for open ranges). */
  get first(): number {
    return this.#first;
  }
  get last(): number {
    return this.#last;
  }

  clear(): void {
    for (const level of this.#levels) level.clear();
    for (const dirty of this.#dirty) dirty.clear();
    this.#first = Number.POSITIVE_INFINITY;
    this.#last = Number.NEGATIVE_INFINITY;
  }

  /** Sets (or, with undefined, removes) one cell; its blocks are refolded by `refold`. */
  set(index: number, key: number, sums: Float64Array | undefined): void {
    const buckets = this.#level(0);
    let bucket = buckets.get(index);
    if (sums === undefined) {
      if (!bucket?.delete(key)) return;
      if (bucket.size === 0) buckets.delete(index);
    } else {
      if (!bucket) buckets.set(index, (bucket = new Map()));
      bucket.set(key, sums);
      this.#first = Math.min(this.#first, index);
      this.#last = Math.max(this.#last, index);
    }
    for (let l = 1; l < SIZES.length; l++) this.#dirtySet(l).add(Math.floor(index / (SIZES[l] ?? 1)));
  }

  /** Refolds every block a `set` touched, lowest level first (each from the level below). */
  refold(): void {
    for (let l = 1; l < SIZES.length; l++) {
      const dirty = this.#dirtySet(l);
      const level = this.#level(l);
      const below = this.#level(l - 1);
      const ratio = (SIZES[l] ?? 1) / (SIZES[l - 1] ?? 1);
      for (const block of dirty) {
        const folded: Cells = new Map();
        for (let child = block * ratio; child < (block + 1) * ratio; child++) {
          const cells = below.get(child);
          if (cells) for (const [key, sums] of cells) addSums(sumsOf(folded, key), sums);
        }
        if (folded.size === 0) level.delete(block);
        else level.set(block, folded);
      }
      dirty.clear();
    }
  }

  /** Calls fn with the folded cells of the fewest blocks that exactly cover buckets [from, to). */
  forEachBlock(from: number, to: number, fn: (cells: ReadonlyMap<number, Float64Array>) => void): void {
    let at = Math.max(from, this.#first);
    const end = Math.min(to, this.#last + 1);
    while (at < end) {
      let l = SIZES.length - 1;
      while (l > 0 && (at % (SIZES[l] ?? 1) !== 0 || at + (SIZES[l] ?? 1) > end)) l--;
      const size = SIZES[l] ?? 1;
      const cells = this.#level(l).get(at / size);
      if (cells) fn(cells);
      at += size;
    }
  }

  #level(l: number): Map<number, Cells> {
    return this.#levels[l] as Map<number, Cells>;
  }

  #dirtySet(l: number): Set<number> {
    return this.#dirty[l] as Set<number>;
  }
}
