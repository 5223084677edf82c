// How the aggregator asks for a tick: through the ingest worker (the daemon) or in-process (tests, one-shot CLI).
import { IngestSession, type IngestSessionOptions } from './ingest-session.ts';
import type { IngestWorkerReply, IngestWorkerRequest } from './ingest-worker.ts';
import type { TickResult } from './types.ts';

export interface IngestClient {
  tick(now: number): Promise<TickResult>;
  close(): void;
}

export function inProcessIngest(options: IngestSessionOptions): IngestClient {
  const session = new IngestSession(options);
  return { tick: (now) => session.tick(now), close: () => {} };
}

export interface WorkerIngestOptions extends Omit<IngestSessionOptions, 'bulkReader' | 'onWarning'> {
  /** Extra threads that parse big backlogs (cold start); 0 parses in the ingest worker itself. */
  readonly parseThreads: number;
  readonly onWarning?: (message: string) => void;
}

export function workerIngest(options: WorkerIngestOptions): IngestClient {
  const worker = new Worker(new URL('./ingest-worker.ts', import.meta.url));
  const pending = new Map<number, { resolve: (r: TickResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  worker.addEventListener('message', (event: MessageEvent<IngestWorkerReply>) => {
    const reply = event.data;
    if (reply.type === 'warning') return options.onWarning?.(reply.message);
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.type === 'tick') waiter?.resolve(reply.result);
    else waiter?.reject(new Error(reply.message));
  });
  worker.addEventListener('error', (event) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`ingest worker crashed: ${event.message}`));
    pending.clear();
  });
  const { onWarning: _, parseThreads, ...sessionOptions } = options;
  const init: IngestWorkerRequest = { type: 'init', options: sessionOptions, parseThreads };
  worker.postMessage(init);
  return {
    tick(now) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request: IngestWorkerRequest = { type: 'tick', id, now };
        worker.postMessage(request);
      });
    },
    close: () => worker.terminate(),
  };
}
