// Worker thread that owns the ingest engine, so a cold start over gigabytes never stalls HTTP requests.
import { ParsePool } from '../ingest/parse-pool.ts';
import { IngestSession, type IngestSessionOptions } from './ingest-session.ts';
import type { TickResult } from './types.ts';

export type IngestWorkerRequest =
  | { readonly type: 'init'; readonly options: Omit<IngestSessionOptions, 'bulkReader' | 'onWarning'>; readonly parseThreads: number }
  | { readonly type: 'tick'; readonly id: number; readonly now: number };

export type IngestWorkerReply =
  | { readonly type: 'tick'; readonly id: number; readonly result: TickResult }
  | { readonly type: 'tick-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'warning'; readonly message: string };

declare const self: Worker;

let session: IngestSession | undefined;
const post = (reply: IngestWorkerReply) => self.postMessage(reply);

self.onmessage = async (event: MessageEvent<IngestWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'init') {
    const bulkReader = request.parseThreads > 0 ? new ParsePool(request.parseThreads) : undefined;
    session = new IngestSession({ ...request.options, bulkReader, onWarning: (message) => post({ type: 'warning', message }) });
    return;
  }
  try {
    if (!session) throw new Error('ingest worker used before init');
    post({ type: 'tick', id: request.id, result: await session.tick(request.now) });
  } catch (error) {
    post({ type: 'tick-failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
