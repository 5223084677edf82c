// A pool of parse workers for large reads: files go out in chunks of a few MB as they are added, results come back in
// the order the files were added. Chunks are handed out as soon as a worker has room, also while the caller is still
// adding files (a cold start parses while it is still listing folders). The workers run only while a read is open: a
// cold start's backlog needs them, an idle daemon would only keep their heaps.
import type { BulkRead, BulkReader, FileHandler } from './tick-reads.ts';
import type { ParseReply, ParseRequest } from './parse-worker.ts';
import { DEFAULT_LIMITS, type ReadLimits } from './read-appended.ts';
import { decodeResponses } from './response-codec.ts';
import type { ReadTask } from './usage-reader.ts';

const CHUNK_BYTES = 4 << 20;
const CHUNK_FILES = 512;
/** Chunks a worker holds at once: several, so it never waits while this thread merges what it sent before. */
const CHUNKS_PER_WORKER = 4;

interface Chunk {
  /** Index of its first file among the files added to its read. */
  readonly first: number;
  readonly tasks: ReadTask[];
  bytes: number;
}

interface PoolWorker {
  readonly worker: Worker;
  /** Requests sent and not answered yet. */
  readonly inFlight: Map<number, (reply: ParseReply | Error) => void>;
}

export class ParsePool implements BulkReader {
  #workers: PoolWorker[] = [];
  readonly #size: number;
  readonly #limits: ReadLimits;
  readonly #reads = new Set<PoolRead>();
  #nextId = 0;

  constructor(size: number, limits: ReadLimits = DEFAULT_LIMITS) {
    this.#size = Math.max(1, size);
    this.#limits = limits;
  }

  /** Worker threads running now (while a read is open). */
  get running(): number {
    return this.#workers.length;
  }

  open(onFile: FileHandler): BulkRead {
    if (this.#workers.length === 0) this.#workers = Array.from({ length: this.#size }, () => this.#startWorker());
    const read = new PoolRead(
      onFile,
      (tasks, onReply) => this.#send(tasks, onReply),
      () => {
        this.#reads.delete(read);
        if (this.#reads.size === 0) this.close();
      },
    );
    this.#reads.add(read);
    return read;
  }

  #startWorker(): PoolWorker {
    const w: PoolWorker = { worker: new Worker(new URL('./parse-worker.ts', import.meta.url)), inFlight: new Map() };
    w.worker.addEventListener('message', (event: MessageEvent<ParseReply>) =>
      this.#settle(w, event.data.id, event.data),
    );
    w.worker.addEventListener('error', (event: ErrorEvent) => {
      const error = new Error(`parse worker failed: ${event.message}`);
      for (const id of [...w.inFlight.keys()]) this.#settle(w, id, error);
    });
    return w;
  }

  /** Reads every task; `onFile` sees them in order. */
  async read(tasks: readonly ReadTask[], onFile: FileHandler): Promise<void> {
    const read = this.open(onFile);
    for (const task of tasks) read.add(task);
    await read.finish();
  }

  /** Sends a chunk to the least busy worker with room; false when every worker is full. */
  #send(tasks: ReadTask[], onReply: (reply: ParseReply | Error) => void): boolean {
    let target: PoolWorker | undefined;
    for (const w of this.#workers) {
      if (w.inFlight.size < CHUNKS_PER_WORKER && (!target || w.inFlight.size < target.inFlight.size)) target = w;
    }
    if (!target) return false;
    const id = this.#nextId++;
    target.inFlight.set(id, onReply);
    const request: ParseRequest = { id, tasks, limits: this.#limits };
    target.worker.postMessage(request);
    return true;
  }

  #settle(w: PoolWorker, id: number, reply: ParseReply | Error): void {
    const onReply = w.inFlight.get(id);
    if (!onReply) return;
    w.inFlight.delete(id);
    onReply(reply);
    // A worker has room again: every open read may send what it has waiting.
    for (const read of this.#reads) read.pump();
  }

  /** Stops the workers (the next read starts them again). */
  close(): void {
    for (const { worker } of this.#workers) worker.terminate();
    this.#workers = [];
  }
}

/** One read through the pool: cuts added files into chunks, sends them, delivers the replies in order. */
class PoolRead implements BulkRead {
  #added = 0;
  #current: Chunk | undefined;
  /** Full chunks not sent yet, oldest first. */
  readonly #waiting: Chunk[] = [];
  #chunks = 0;
  /** Replies not delivered yet, by chunk number. */
  readonly #replies = new Map<number, { readonly chunk: Chunk; readonly reply: ParseReply }>();
  #delivered = 0;
  #finished = false;
  #failure: Error | undefined;
  readonly #done = Promise.withResolvers<void>();

  constructor(
    private readonly onFile: FileHandler,
    private readonly send: (tasks: ReadTask[], onReply: (reply: ParseReply | Error) => void) => boolean,
    private readonly onClose: () => void,
  ) {
    this.#done.promise.catch(() => {}); // (a failure before finish() is reported by finish())
  }

  add(task: ReadTask): void {
    if (this.#finished) throw new Error('add() after finish()');
    const current = (this.#current ??= { first: this.#added, tasks: [], bytes: 0 });
    this.#added++;
    current.tasks.push(task);
    current.bytes += task.end - task.offset;
    if (current.bytes >= CHUNK_BYTES || current.tasks.length >= CHUNK_FILES) {
      this.#waiting.push(current);
      this.#current = undefined;
      this.pump();
    }
  }

  finish(): Promise<void> {
    if (!this.#finished) {
      this.#finished = true;
      if (this.#current) this.#waiting.push(this.#current);
      this.#current = undefined;
      this.pump();
      this.#settleIfDone();
    }
    return this.#done.promise;
  }

  /** Sends waiting chunks while workers have room. */
  pump(): void {
    while (this.#failure === undefined && this.#waiting.length > 0) {
      const chunk = this.#waiting[0] as Chunk;
      const number = this.#chunks;
      if (!this.send(chunk.tasks, (reply) => this.#receive(number, chunk, reply))) return;
      this.#waiting.shift();
      this.#chunks++;
    }
  }

  #receive(number: number, chunk: Chunk, reply: ParseReply | Error): void {
    if (reply instanceof Error) {
      this.#failure ??= reply;
      this.#settleIfDone();
      return;
    }
    this.#replies.set(number, { chunk, reply });
    try {
      for (
        let next = this.#replies.get(this.#delivered);
        next && this.#failure === undefined;
        next = this.#replies.get(this.#delivered)
      ) {
        this.#replies.delete(this.#delivered);
        this.#deliver(next.chunk, next.reply);
        this.#delivered++;
      }
    } catch (error) {
      // (the caller's handler threw: the read fails with it, as an await of the read would)
      this.#failure ??= error instanceof Error ? error : new Error(String(error));
    }
    this.#settleIfDone();
  }

  #deliver(chunk: Chunk, reply: ParseReply): void {
    let at = 0;
    reply.results.forEach((result, i) => {
      const n = reply.counts[i] ?? 0;
      const responses = decodeResponses(reply.responses, at, at + n);
      at += n;
      this.onFile(chunk.first + i, 'error' in result ? new Error(result.error) : result, responses);
    });
  }

  #settleIfDone(): void {
    if (this.#failure !== undefined) {
      this.onClose();
      this.#done.reject(this.#failure);
    } else if (this.#finished && this.#waiting.length === 0 && this.#delivered === this.#chunks) {
      this.onClose();
      this.#done.resolve();
    }
  }
}
