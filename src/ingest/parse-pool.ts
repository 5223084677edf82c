// A pool of parse workers for large reads: files go out in chunks of a few MB, results come back in task order.
import type { BulkReader } from './engine.ts';
import type { ParseReply, ParseRequest } from './parse-worker.ts';
import { DEFAULT_LIMITS, type ReadLimits } from './read-appended.ts';
import { decodeResponses } from './response-codec.ts';
import type { FileReadResult, ParsedResponse, ReadTask } from './usage-reader.ts';

const CHUNK_BYTES = 4 << 20;
const CHUNK_FILES = 512;

interface Chunk {
  readonly first: number;
  readonly tasks: ReadTask[];
}

function chunk(tasks: readonly ReadTask[]): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { first: 0, tasks: [] };
  let bytes = 0;
  tasks.forEach((task, i) => {
    if (current.tasks.length > 0 && (bytes >= CHUNK_BYTES || current.tasks.length >= CHUNK_FILES)) {
      chunks.push(current);
      current = { first: i, tasks: [] };
      bytes = 0;
    }
    current.tasks.push(task);
    bytes += task.end - task.offset;
  });
  if (current.tasks.length > 0) chunks.push(current);
  return chunks;
}

export class ParsePool implements BulkReader {
  readonly #workers: Worker[];
  readonly #limits: ReadLimits;
  #nextId = 0;

  constructor(size: number, limits: ReadLimits = DEFAULT_LIMITS) {
    this.#limits = limits;
    this.#workers = Array.from({ length: Math.max(1, size) }, () => new Worker(new URL('./parse-worker.ts', import.meta.url)));
  }

  async read(tasks: readonly ReadTask[], onFile: (index: number, result: FileReadResult | Error, responses: readonly ParsedResponse[]) => void): Promise<void> {
    const chunks = chunk(tasks);
    const done = new Map<number, ParseReply>();
    let nextChunk = 0;
    let delivered = 0;
    const deliver = () => {
      for (let reply = done.get(delivered); reply; reply = done.get(delivered)) {
        done.delete(delivered);
        const first = chunks[delivered]?.first ?? 0;
        let at = 0;
        reply.results.forEach((result, i) => {
          const n = reply.counts[i] ?? 0;
          const responses = decodeResponses(reply.responses, at, at + n);
          at += n;
          onFile(first + i, 'error' in result ? new Error(result.error) : result, responses);
        });
        delivered++;
      }
    };
    // Each worker keeps two chunks queued, so it never waits while this thread merges; delivery keeps task order.
    const runLane = async (worker: Worker): Promise<void> => {
      while (nextChunk < chunks.length) {
        const index = nextChunk++;
        const c = chunks[index];
        if (!c) return;
        const reply = await this.#request(worker, c.tasks);
        done.set(index, reply);
        // Let the other lane hand this worker its next chunk before merging.
        await Promise.resolve();
        deliver();
      }
    };
    await Promise.all(this.#workers.flatMap((worker) => [runLane(worker), runLane(worker)]));
  }

  #request(worker: Worker, tasks: ReadTask[]): Promise<ParseReply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent<ParseReply>) => {
        if (event.data.id !== id) return;
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        resolve(event.data);
      };
      const onError = (event: ErrorEvent) => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        reject(new Error(`parse worker failed: ${event.message}`));
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      const request: ParseRequest = { id, tasks, limits: this.#limits };
      worker.postMessage(request);
    });
  }

  close(): void {
    for (const worker of this.#workers) worker.terminate();
  }
}
