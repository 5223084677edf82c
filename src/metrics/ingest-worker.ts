// Worker thread that owns the ingest engine (and the store), so a cold start over gigabytes never stalls HTTP requests.
import { ParsePool } from '../ingest/parse-pool.ts';
import { openUsageStore, replaceUnusableStore } from '../store/open-usage-store.ts';
import type { PersistedView } from '../store/usage-store.ts';
import { IngestSession, type IngestSessionOptions } from './ingest-session.ts';
import type { TickResult } from './types.ts';

export type IngestWorkerRequest =
  | { readonly type: 'init'; readonly options: Omit<IngestSessionOptions, 'bulkReader' | 'onWarning' | 'store'>; readonly parseThreads: number; readonly dbPath?: string }
  | { readonly type: 'tick'; readonly id: number; readonly now: number };

export type IngestWorkerReply =
  | { readonly type: 'opened'; readonly view: PersistedView | undefined }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'tick'; readonly id: number; readonly result: TickResult }
  | { readonly type: 'tick-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'warning'; readonly message: string };

declare const self: Worker;

let session: IngestSession | undefined;
const post = (reply: IngestWorkerReply) => self.postMessage(reply);
const warn = (message: string) => post({ type: 'warning', message });

function init(request: Extract<IngestWorkerRequest, { type: 'init' }>): void {
  const bulkReader = request.parseThreads > 0 ? new ParsePool(request.parseThreads) : undefined;
  const make = (store?: ReturnType<typeof openUsageStore>['store']) => new IngestSession({ ...request.options, bulkReader, onWarning: warn, store });
  if (!request.dbPath) {
    post({ type: 'opened', view: undefined });
    session = make();
    return;
  }
  let usable;
  try {
    usable = openUsageStore(request.dbPath, Date.now());
  } catch (error) {
    post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  usable.warnings.forEach(warn);
  post({ type: 'opened', view: usable.view });
  session = make(usable.store);
  try {
    session.restore();
  } catch (error) {
    // A store that opened but cannot be replayed: set it aside and rebuild from the logs.
    const fresh = replaceUnusableStore(usable.store, request.dbPath, Date.now(), error instanceof Error ? error.message : String(error));
    fresh.warnings.forEach(warn);
    session = make(fresh.store);
  }
}

self.onmessage = async (event: MessageEvent<IngestWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'init') return init(request);
  try {
    if (!session) throw new Error('ingest is not running (store could not be opened)');
    post({ type: 'tick', id: request.id, result: await session.tick(request.now) });
  } catch (error) {
    post({ type: 'tick-failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
