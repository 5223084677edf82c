// Worker thread: reads and parses a chunk of files, posts back per-file outcomes and the encoded responses.
import { errorMessage } from '../error-message.ts';
import { lowerThreadPriority } from '../platform/thread-priority.ts';
import { DEFAULT_LIMITS, readFirstBlock, type ReadLimits } from './read-appended.ts';
import { ResponseEncoder, type EncodedResponses } from './response-codec.ts';
import { readUsage, type FileReadResult, type ReadTask } from './usage-reader.ts';

export interface ParseRequest {
  readonly id: number;
  readonly tasks: readonly ReadTask[];
  readonly limits?: ReadLimits;
}

export interface ParseReply {
  readonly id: number;
  /** Per task: its outcome, or the error message when the file could not be read. */
  readonly results: readonly (FileReadResult | { readonly error: string })[];
  /** Per task: how many of the encoded responses belong to it, in order. */
  readonly counts: readonly number[];
  readonly responses: EncodedResponses;
}

declare const self: Worker;

// Parsing yields to the HTTP thread (and to the thread merging what it parses).
lowerThreadPriority();

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { id, tasks, limits } = event.data;
  const encoder = new ResponseEncoder();
  const results: ParseReply['results'][number][] = [];
  const counts: number[] = [];
  const blockLimits = limits ?? DEFAULT_LIMITS;
  // Each file's first block is read (on Bun's I/O threads) while the file before it is parsed.
  const readAhead = (i: number): Promise<Uint8Array> | undefined => {
    const task = tasks[i];
    if (!task || task.offset >= task.end) return undefined;
    let block: Promise<Uint8Array>;
    try {
      block = readFirstBlock(task.path, task, blockLimits);
    } catch (error) {
      block = Promise.reject(error); // (a path Bun refuses at once, e.g. too long: an error of this task only)
    }
    block.catch(() => {}); // (a failed read is reported when its task awaits it)
    return block;
  };
  let next = readAhead(0);
  for (const [i, task] of tasks.entries()) {
    const first = next;
    next = readAhead(i + 1);
    let n = 0;
    try {
      results.push(await readUsage(task, (r) => {
        encoder.add(r);
        n++;
      }, blockLimits, first));
    } catch (error) {
      results.push({ error: errorMessage(error) });
    }
    counts.push(n);
  }
  const responses = encoder.take();
  const reply: ParseReply = { id, results, counts, responses };
  self.postMessage(reply, { transfer: [responses.numbers.buffer as ArrayBuffer] });
};
