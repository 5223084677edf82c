// An open-addressing hash table from 64-bit keys to uint32 values, in typed arrays: ~12 bytes a slot, no per-key objects.

const EMPTY = 0xffffffff;
const MAX_LOAD = 0.7;

export class KeyTable {
  #hi: Uint32Array;
  #lo: Uint32Array;
  #values: Uint32Array;
  #mask: number;
  #size = 0;

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#values = new Uint32Array(capacity).fill(EMPTY);
    this.#mask = capacity - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes held by the table's arrays. */
  get byteLength(): number {
    return this.#hi.byteLength + this.#lo.byteLength + this.#values.byteLength;
  }

  /** The value stored for the key, or undefined. */
  get(hi: number, lo: number): number | undefined {
    for (let i = this.#slot(hi, lo); ; i = (i + 1) & this.#mask) {
      const v = this.#values[i] ?? EMPTY;
      if (v === EMPTY) return undefined;
      if (this.#hi[i] === hi && this.#lo[i] === lo) return v;
    }
  }

  /** Stores or overwrites; values must be below 2³²−1. */
  set(hi: number, lo: number, value: number): void {
    if ((this.#size + 1) / this.#values.length > MAX_LOAD) this.#grow();
    this.#insert(hi >>> 0, lo >>> 0, value);
  }

  #insert(hi: number, lo: number, value: number): void {
    for (let i = this.#slot(hi, lo); ; i = (i + 1) & this.#mask) {
      const v = this.#values[i] ?? EMPTY;
      if (v === EMPTY) {
        this.#hi[i] = hi;
        this.#lo[i] = lo;
        this.#values[i] = value;
        this.#size++;
        return;
      }
      if (this.#hi[i] === hi && this.#lo[i] === lo) {
        this.#values[i] = value;
        return;
      }
    }
  }

  #slot(hi: number, lo: number): number {
    return (Math.imul(hi ^ (lo >>> 7), 0x9e3779b1) >>> 0) & this.#mask;
  }

  #grow(): void {
    const [hi, lo, values] = [this.#hi, this.#lo, this.#values];
    const capacity = values.length * 2;
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#values = new Uint32Array(capacity).fill(EMPTY);
    this.#mask = capacity - 1;
    this.#size = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? EMPTY;
      if (v !== EMPTY) this.#insert(hi[i] ?? 0, lo[i] ?? 0, v);
    }
  }
}
