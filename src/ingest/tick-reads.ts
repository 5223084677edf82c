// The reads of one tick. Files join as they are checked; once their backlog passes the bulk threshold they go to the
// bulk reader (other threads) at once, also those that joined before, while later files are still being checked.
// Below the threshold they are read one by one in this thread when the tick has checked every file.
import type { FileReadResult, ReadTask } from './usage-reader.ts';
import type { ParsedResponse } from '../ledger/types.ts';

/** What a bulk read reports per file: its index in the order the files were added, its outcome and responses. */
export type FileHandler = (index: number, result: FileReadResult | Error, responses: readonly ParsedResponse[]) => void;

/** One read of many files, possibly in other threads; files may be added while earlier ones are being read. */
export interface BulkRead {
  add(task: ReadTask): void;
  /** Resolves once every added file has been reported (in the order added). Nothing may be added after. */
  finish(): Promise<void>;
}

export interface BulkReader {
  open(onFile: FileHandler): BulkRead;
}

/** A file to read this tick, and the size and mtime it had when checked. */
export interface PendingRead<F> {
  readonly tracked: F;
  readonly task: ReadTask;
  readonly size: number;
  readonly mtimeMs: number;
}

export type ApplyRead<F> = (
  read: PendingRead<F>,
  result: FileReadResult | Error,
  responses: readonly ParsedResponse[],
) => void;

/** Reads one file in this thread; never rejects (a failure is its result). */
export type ReadOne = (
  task: ReadTask,
) => Promise<{ readonly result: FileReadResult | Error; readonly responses: readonly ParsedResponse[] }>;

export class TickReads<F> {
  readonly pending: PendingRead<F>[] = [];
  #backlog = 0;
  #bulk: BulkRead | undefined;

  constructor(
    private readonly reader: BulkReader | undefined,
    private readonly thresholdBytes: number,
    private readonly apply: ApplyRead<F>,
  ) {}

  /** Whether the reads have gone to the bulk reader (they are under way). */
  get bulk(): boolean {
    return this.#bulk !== undefined;
  }

  add(read: PendingRead<F>): void {
    this.pending.push(read);
    this.#backlog += read.task.end - read.task.offset;
    if (this.#bulk) this.#bulk.add(read.task);
    else if (this.reader && this.#backlog >= this.thresholdBytes) {
      const bulk = (this.#bulk = this.reader.open((i, result, responses) => {
        const p = this.pending[i];
        if (p) this.apply(p, result, responses);
      }));
      for (const p of this.pending) bulk.add(p.task);
    }
  }

  /** Applies every read, in the order added: waits for the bulk read, or reads the files one by one with `readOne`. */
  async finish(readOne: ReadOne): Promise<void> {
    if (this.#bulk) return this.#bulk.finish();
    for (const p of this.pending) {
      const { result, responses } = await readOne(p.task);
      this.apply(p, result, responses);
    }
  }
}
