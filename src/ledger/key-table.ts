// An open-addressing hash table from 64-bit keys to uint32 values, in one typed array: 12 bytes a slot, no per-key
// objects. A slot's key halves and value sit side by side, so a probe touches one cache line, not three.

const EMPTY = 0xffffffff;
const MAX_LOAD = 0.7;
/** Words per slot: key hi, key lo, value. */
const SLOT = 3;

export class KeyTable {
  #slots: Uint32Array;
  #mask: number;
  #size = 0;

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.#slots = KeyTable.#emptySlots(capacity);
    this.#mask = capacity - 1;
  }

  static #emptySlots(capacity: number): Uint32Array {
    const slots = new Uint32Array(capacity * SLOT);
    for (let i = 2; i < slots.length; i += SLOT) slots[i] = EMPTY;
    return slots;
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes held by the table. */
  get byteLength(): number {
    return this.#slots.byteLength;
  }

  /** The value stored for the key, or undefined. */
  get(hi: number, lo: number): number | undefined {
    const slots = this.#slots;
    hi >>>= 0;
    lo >>>= 0;
    for (let i = this.#slot(hi, lo); ; i = (i + 1) & this.#mask) {
      const at = i * SLOT;
      const v = slots[at + 2] ?? EMPTY;
      if (v === EMPTY) return undefined;
      if (slots[at] === hi && slots[at + 1] === lo) return v;
    }
  }

  /** Stores or overwrites; values must be below 2³²−1. */
  set(hi: number, lo: number, value: number): void {
    if ((this.#size + 1) / (this.#mask + 1) > MAX_LOAD) this.#grow();
    this.#insert(hi >>> 0, lo >>> 0, value);
  }

  #insert(hi: number, lo: number, value: number): void {
    const slots = this.#slots;
    for (let i = this.#slot(hi, lo); ; i = (i + 1) & this.#mask) {
      const at = i * SLOT;
      const v = slots[at + 2] ?? EMPTY;
      if (v === EMPTY) {
        slots[at] = hi;
        slots[at + 1] = lo;
        slots[at + 2] = value;
        this.#size++;
        return;
      }
      if (slots[at] === hi && slots[at + 1] === lo) {
        slots[at + 2] = value;
        return;
      }
    }
  }

  #slot(hi: number, lo: number): number {
    return (Math.imul(hi ^ (lo >>> 7), 0x9e3779b1) >>> 0) & this.#mask;
  }

  #grow(): void {
    const old = this.#slots;
    const capacity = (this.#mask + 1) * 2;
    this.#slots = KeyTable.#emptySlots(capacity);
    this.#mask = capacity - 1;
    this.#size = 0;
    for (let at = 0; at < old.length; at += SLOT) {
      const v = old[at + 2] ?? EMPTY;
      if (v !== EMPTY) this.#insert(old[at] ?? 0, old[at + 1] ?? 0, v);
    }
  }
}
