// A cumulative histogram (Prometheus semantics): fixed upper bounds, a count per bound, the sum and the count.

export class Histogram {
  readonly bounds: readonly number[];
  readonly #counts: number[];
  #sum = 0;
  #count = 0;

  /** @param bounds ascending upper bounds; `+Inf` is implied. */
  constructor(bounds: readonly number[]) {
    this.bounds = [...bounds].sort((a, b) => a - b);
    this.#counts = this.bounds.map(() => 0);
  }

  observe(value: number): void {
    this.#sum += value;
    this.#count++;
    for (let i = 0; i < this.bounds.length; i++) {
      if (value <= (this.bounds[i] as number)) this.#counts[i] = (this.#counts[i] as number) + 1;
    }
  }

  /** `[upper bound, observations ≤ bound]`, cumulative, ending with `+Inf`. */
  buckets(): [number, number][] {
    return [...this.bounds.map((b, i): [number, number] => [b, this.#counts[i] as number]), [Infinity, this.#count]];
  }

  get sum(): number {
    return this.#sum;
  }

  get count(): number {
    return this.#count;
  }
}
