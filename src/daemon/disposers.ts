// What a running daemon must undo, newest first: one list for both a start that fails half-way and a clean stop.

export class Disposers {
  readonly #list: (() => unknown)[] = [];

  /** Undone before everything added earlier. */
  add(dispose: () => unknown): void {
    this.#list.push(dispose);
  }

  /** Runs every disposer, newest first, each once; a failing one does not keep the others from running. */
  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    for (let dispose = this.#list.pop(); dispose; dispose = this.#list.pop()) {
      try {
        await dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several parts of the daemon failed to stop');
  }
}
