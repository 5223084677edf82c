// The ingest side of plan limits: each tick reads the new samples (spool, ~/.claude.json), keeps those that say
// something new, saves them with the spool position in one transaction, and hands them to the HTTP side.
import { LimitSources, type LimitSourcePaths, type SpoolPosition } from '../ingest/limit-sources.ts';
import { sampleKey, type LimitSample } from '../ledger/limit-samples.ts';
import { errorMessage } from '../platform/error-message.ts';
import type { LimitStore } from '../store/limit-store.ts';

/** An unchanged figure is kept again at most this often, ms (status lines refresh many times a minute). */
export const UNCHANGED_SAMPLE_MS = 5 * 60_000;

const seriesKey = (s: LimitSample) => `${s.window}|${s.model ?? ''}`;

export class LimitFeed {
  readonly #sources: LimitSources;
  readonly #warn: (message: string) => void;
  readonly #seen = new Set<string>();
  readonly #last = new Map<string, LimitSample>();
  /** Read and kept, not yet in a store (none attached yet, or its write failed). */
  #unsaved: LimitSample[] = [];
  /** Loaded from the store: handed over with the first tick. */
  #restored: LimitSample[] = [];
  #spool: SpoolPosition | undefined;
  #savedSpool: SpoolPosition | undefined;
  #lastWarning = '';

  constructor(paths: LimitSourcePaths, warn: (message: string) => void) {
    this.#sources = new LimitSources(paths);
    this.#warn = warn;
  }

  /** Takes in what the store kept: its samples and how far the spool was read. */
  restore(store: LimitStore): void {
    this.#restored = store.load();
    for (const s of this.#restored) this.#remember(s);
    this.#spool = this.#savedSpool = store.spoolPosition();
  }

  #remember(s: LimitSample): void {
    this.#seen.add(sampleKey(s));
    const last = this.#last.get(seriesKey(s));
    if (!last || last.observedAt <= s.observedAt) this.#last.set(seriesKey(s), s);
  }

  /** A reading worth keeping: not seen before, and a change, or the first in UNCHANGED_SAMPLE_MS. */
  #worthKeeping(s: LimitSample): boolean {
    if (this.#seen.has(sampleKey(s))) return false;
    const last = this.#last.get(seriesKey(s));
    if (!last) return true;
    if (s.observedAt < last.observedAt) return true;
    return (
      last.usedPercent !== s.usedPercent ||
      last.resetsAt !== s.resetsAt ||
      s.observedAt - last.observedAt >= UNCHANGED_SAMPLE_MS
    );
  }

  /** The tick's new samples (on the first tick, every sample kept so far too), saved to `store` when there is one. */
  async take(first: boolean, store: LimitStore | undefined): Promise<LimitSample[]> {
    const read = await this.#sources.read(this.#spool);
    const fresh: LimitSample[] = [];
    for (const s of read.samples.sort((a, b) => a.observedAt - b.observedAt)) {
      if (!this.#worthKeeping(s)) continue;
      this.#remember(s);
      fresh.push(s);
    }
    this.#spool = read.spool;
    this.#unsaved.push(...fresh);
    const moved = this.#spool?.offset !== this.#savedSpool?.offset || this.#spool?.ino !== this.#savedSpool?.ino;
    if (store && (this.#unsaved.length > 0 || moved)) {
      try {
        store.save(this.#unsaved, this.#spool);
        this.#unsaved = [];
        this.#savedSpool = this.#spool;
        this.#lastWarning = '';
      } catch (error) {
        // Kept in memory and saved with the next tick's.
        const message = `plan-limit samples not saved yet: ${errorMessage(error)}`;
        if (message !== this.#lastWarning) this.#warn(message);
        this.#lastWarning = message;
      }
    }
    if (!first) return fresh;
    const all = [...this.#restored, ...fresh];
    this.#restored = [];
    return all;
  }
}
