// Worker thread that owns the ingest engine (and the store), so a cold start over gigabytes never stalls HTTP requests.
import { errorMessage } from '../platform/error-message.ts';
import { ParsePool } from '../ingest/parse-pool.ts';
import { lowerThreadPriority } from '../platform/thread-priority.ts';
import type { PersistedView } from '../store/usage-store.ts';
import { GcPacer } from './gc-pacer.ts';
import { openIngest, type IngestTicker, type OpenIngestOptions } from './open-ingest.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { TickResult } from '../ledger/outputs.ts';
import type { SessionCall } from '../ledger/session-calls.ts';

export type IngestWorkerRequest =
  | {
      readonly type: 'init';
      readonly options: Omit<OpenIngestOptions, 'bulkReader' | 'onWarning'>;
      readonly parseThreads: number;
    }
  | { readonly type: 'tick'; readonly id: number; readonly now: number }
  /** New price overrides (plain data): reprice what was counted and price what comes with them. */
  | { readonly type: 'reprice'; readonly pricing: readonly PriceOverride[] }
  /** One session's calls (`cco session --id`): answered between the awaits of a tick, from what is counted. */
  | { readonly type: 'calls'; readonly id: number; readonly session: string }
  /** Stop: let a tick in flight finish for a moment, else leave it unsaved; close the store; answer 'closed'. */
  | { readonly type: 'close' };

export type IngestWorkerReply =
  | { readonly type: 'opened'; readonly view: PersistedView | undefined }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'tick'; readonly id: number; readonly result: TickResult }
  | { readonly type: 'tick-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'calls'; readonly id: number; readonly calls: readonly SessionCall[] }
  | { readonly type: 'calls-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'closed' };

declare const self: Worker;

// Ingest yields to the HTTP thread: requests stay fast while a cold start reads gigabytes.
lowerThreadPriority();

/** How long a stop waits for a tick in flight (a cold ingest can take far longer: it is then left unsaved), ms. */
const TICK_GRACE_MS = 500;

let session: IngestTicker | undefined;
let bulkReader: ParsePool | undefined;
let ticking: Promise<unknown> | undefined;
/** Collects the garbage of parsing after busy ticks (see gc-pacer.ts). */
const gc = new GcPacer();
const post = (reply: IngestWorkerReply) => self.postMessage(reply);
const warn = (message: string) => post({ type: 'warning', message });

function init(request: Extract<IngestWorkerRequest, { type: 'init' }>): void {
  bulkReader = request.parseThreads > 0 ? new ParsePool(request.parseThreads) : undefined;
  let opened;
  try {
    opened = openIngest({ ...request.options, bulkReader, onWarning: warn });
  } catch (error) {
    post({ type: 'fatal', message: errorMessage(error) });
    return;
  }
  // The HTTP side serves the persisted view while the store's state is replayed here.
  post({ type: 'opened', view: opened.view });
  session = opened.resume();
}

async function close(): Promise<void> {
  if (ticking) await Promise.race([ticking, Bun.sleep(TICK_GRACE_MS)]);
  bulkReader?.close();
  try {
    session?.close();
  } catch (error) {
    warn(`closing the store failed: ${errorMessage(error)}`);
  }
  post({ type: 'closed' });
}

async function tick(request: Extract<IngestWorkerRequest, { type: 'tick' }>): Promise<void> {
  try {
    if (!session) throw new Error('ingest is not running (store could not be opened)');
    const result = await session.tick(request.now);
    post({ type: 'tick', id: request.id, result });
    if (gc.due(result.bytesRead, performance.now())) Bun.gc(true);
  } catch (error) {
    post({ type: 'tick-failed', id: request.id, message: errorMessage(error) });
  }
}

self.onmessage = (event: MessageEvent<IngestWorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'init':
      return init(request);
    case 'close':
      return void close();
    case 'reprice':
      try {
        return session?.reprice(request.pricing);
      } catch (error) {
        return warn(`new prices not applied: ${errorMessage(error)}`);
      }
    case 'calls':
      try {
        if (!session) throw new Error('ingest is not running (store could not be opened)');
        return post({ type: 'calls', id: request.id, calls: session.sessionCalls(request.session) });
      } catch (error) {
        return post({ type: 'calls-failed', id: request.id, message: errorMessage(error) });
      }
    case 'tick': {
      const running = tick(request);
      ticking = running;
      void running.finally(() => {
        if (ticking === running) ticking = undefined;
      });
    }
  }
};
