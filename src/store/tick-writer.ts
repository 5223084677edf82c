// Writes each tick to the store and rides out writes that fail (disk full, read-only file, I/O error): the daemon goes
// on serving from memory, the failed ticks' changes are kept and saved with the next tick that can be written, so
// offsets and usage still only ever reach the disk together. One warning when writes start failing, one when they work.
import { errorWithCode } from '../platform/error-message.ts';
import type { EngineChanges } from '../ingest/engine.ts';
import { mergeChanges } from './merge-changes.ts';
import type { TickRecord, UsageStore } from './usage-store.ts';

export class TickWriter {
  readonly #store: UsageStore;
  readonly #warn: (message: string) => void;
  /** Changes of the ticks whose write failed, merged, oldest first. */
  #unsaved: EngineChanges | undefined;
  #unsavedTicks = 0;
  #failure: string | undefined;

  constructor(store: UsageStore, warn: (message: string) => void) {
    this.#store = store;
    this.#warn = warn;
  }

  /** Why the last write failed, while writes fail; undefined when the store is up to date. */
  get failure(): string | undefined {
    return this.#failure;
  }

  /**
   * Saves `changes` (plus any held from failed ticks) with the tick's snapshot, then checkpoints when `idle`.
   * Never throws: a failure is held and retried on the next call. Returns whether everything is on disk.
   */
  write(changes: EngineChanges, tick: TickRecord, idle: boolean): boolean {
    const all = this.#unsaved ? mergeChanges(this.#unsaved, changes) : changes;
    const ticks = this.#unsavedTicks + 1;
    try {
      this.#store.save(all, tick);
    } catch (error) {
      this.#unsaved = all;
      this.#unsavedTicks = ticks;
      this.#fail(error);
      return false;
    }
    this.#unsaved = undefined;
    this.#unsavedTicks = 0;
    try {
      this.#store.checkpoint(idle, tick.at);
    } catch (error) {
      // Saved, only not folded into the database file yet: the WAL keeps it safe.
      this.#fail(error);
      return false;
    }
    if (this.#failure !== undefined) {
      this.#warn(
        `store ${this.#where()}: writing works again; saved ${ticks === 1 ? 'this tick' : `the ${ticks} ticks held in memory`}`,
      );
      this.#failure = undefined;
    }
    return true;
  }

  #fail(error: unknown): void {
    const first = this.#failure === undefined;
    this.#failure = errorWithCode(error);
    if (first)
      this.#warn(
        `store ${this.#where()}: cannot write (${this.#failure}); serving from memory and retrying every tick`,
      );
  }

  #where(): string {
    return this.#store.path ?? '(in memory)';
  }
}
