// Worker thread that owns the ingest engine (and the store), so a cold start over gigabytes never stalls HTTP requests.
import { ParsePool } from '../ingest/parse-pool.ts';
import { StoreUnwritableError } from '../store/open-store.ts';
import { openUsageStore, replaceUnusableStore } from '../store/open-usage-store.ts';
import type { PersistedView } from '../store/usage-store.ts';
import { IngestSession, type IngestSessionOptions } from './ingest-session.ts';
import type { TickResult } from './types.ts';

export type IngestWorkerRequest =
  | { readonly type: 'init'; readonly options: Omit<IngestSessionOptions, 'bulkReader' | 'onWarning' | 'store'>; readonly parseThreads: number; readonly dbPath?: string }
  | { readonly type: 'tick'; readonly id: number; readonly now: number }
  /** Stop: let a tick in flight finish for a moment, else leave it unsaved; close the store; answer 'closed'. */
  | { readonly type: 'close' };

export type IngestWorkerReply =
  | { readonly type: 'opened'; readonly view: PersistedView | undefined }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'tick'; readonly id: number; readonly result: TickResult }
  | { readonly type: 'tick-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'closed' };

declare const self: Worker;

/** How long a stop waits for a tick in flight (a cold ingest can take far longer: it is then left unsaved), ms. */
const TICK_GRACE_MS = 500;

let session: IngestSession | undefined;
let bulkReader: ParsePool | undefined;
let ticking: Promise<unknown> | undefined;
const post = (reply: IngestWorkerReply) => self.postMessage(reply);
const warn = (message: string) => post({ type: 'warning', message });

function init(request: Extract<IngestWorkerRequest, { type: 'init' }>): void {
  bulkReader = request.parseThreads > 0 ? new ParsePool(request.parseThreads) : undefined;
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
    if (error instanceof StoreUnwritableError) {
      // A read-only folder or a full disk: still serve, from memory.
      warn(`${error.message}; serving from memory only, nothing is kept across restarts`);
      post({ type: 'opened', view: undefined });
      session = make();
      return;
    }
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

async function close(): Promise<void> {
  if (ticking) await Promise.race([ticking, Bun.sleep(TICK_GRACE_MS)]);
  bulkReader?.close();
  try {
    session?.close();
  } catch (error) {
    warn(`closing the store failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  post({ type: 'closed' });
}

async function tick(request: Extract<IngestWorkerRequest, { type: 'tick' }>): Promise<void> {
  try {
    if (!session) throw new Error('ingest is not running (store could not be opened)');
    post({ type: 'tick', id: request.id, result: await session.tick(request.now) });
  } catch (error) {
    post({ type: 'tick-failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
}

self.onmessage = (event: MessageEvent<IngestWorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'init':
      return init(request);
    case 'close':
      return void close();
    case 'tick': {
      const running = tick(request);
      ticking = running;
      void running.finally(() => {
        if (ticking === running) ticking = undefined;
      });
    }
  }
};
