// Worker thread: reads and parses a chunk of files, posts back per-file outcomes and the encoded responses.
import { errorMessage } from '../platform/error-message.ts';
import { lowerThreadPriority, PARSE_NICE } from '../platform/thread-priority.ts';
import { blockBuffer, DEFAULT_LIMITS, type ReadLimits } from './read-appended.ts';
import { ResponseEncoder, type EncodedResponses } from './response-codec.ts';
import { readUsageSync, type FileReadResult, type ReadTask } from './usage-reader.ts';

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
lowerThreadPriority(PARSE_NICE);

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, tasks, limits } = event.data;
  const encoder = new ResponseEncoder();
  const results: ParseReply['results'][number][] = [];
  const counts: number[] = [];
  const blockLimits = limits ?? DEFAULT_LIMITS;
  // readSync into one buffer: this thread has nothing else to do while it reads (see read-appended.ts).
  const buffer = blockBuffer(blockLimits);
  for (const task of tasks) {
    let n = 0;
    try {
      results.push(
        readUsageSync(
          task,
          (r) => {
            encoder.add(r);
            n++;
          },
          blockLimits,
          buffer,
        ),
      );
    } catch (error) {
      results.push({ error: errorMessage(error) });
    }
    counts.push(n);
  }
  const responses = encoder.take();
  const reply: ParseReply = { id, results, counts, responses };
  self.postMessage(reply, { transfer: [responses.numbers.buffer as ArrayBuffer] });
};
