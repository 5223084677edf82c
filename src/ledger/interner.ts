// Maps strings (models, projects, sessions) to small integer ids and back, with a cap beyond which names share one id.

export class Interner {
  readonly #ids = new Map<string, number>();
  readonly #names: string[] = [];

  /** @param limit ids available; the last one is shared by every name past the limit, under `overflowName`. */
  constructor(
    readonly limit: number,
    readonly overflowName = 'other',
  ) {}

  #lastName: string | undefined;
  #lastId = 0;

  id(name: string): number {
    // Consecutive lookups are mostly for the same name (one file, one session, one model).
    if (name === this.#lastName) return this.#lastId;
    const id = this.#lookup(name);
    this.#lastName = name;
    this.#lastId = id;
    return id;
  }

  #lookup(name: string): number {
    const known = this.#ids.get(name);
    if (known !== undefined) return known;
    if (this.#names.length === this.limit - 1) this.#names.push(this.overflowName);
    if (this.#names.length >= this.limit) return this.limit - 1;
    const id = this.#names.length;
    this.#names.push(name);
    this.#ids.set(name, id);
    return id;
  }

  name(id: number): string {
    return this.#names[id] ?? this.overflowName;
  }

  get size(): number {
    return this.#names.length;
  }

  /** Names with ids `from` and up, in id order (for persistence). */
  namesFrom(from: number): string[] {
    return this.#names.slice(from);
  }

  /** Re-adds a persisted name list: ids are positions, as `namesFrom(0)` returned them. */
  restore(names: readonly string[]): void {
    for (const name of names) {
      const id = this.#names.length;
      this.#names.push(name);
      if (id < this.limit - 1 && !this.#ids.has(name)) this.#ids.set(name, id);
    }
  }
}
